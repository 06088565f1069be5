import { describeFanOut } from './fanOut.contract.js';
import { InProcessFanOut } from './InProcessFanOut.js';

describeFanOut('InProcessFanOut', async () => new InProcessFanOut());
