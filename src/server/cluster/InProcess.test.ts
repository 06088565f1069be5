import { InProcessJobScheduler } from './InProcessJobScheduler.js';
import { InProcessPresence } from './InProcessPresence.js';
import { describeJobScheduler } from './jobScheduler.contract.js';
import { describePresence } from './presence.contract.js';

describePresence('InProcessPresence', async () => new InProcessPresence());
describeJobScheduler('InProcessJobScheduler', async () => new InProcessJobScheduler({ retryMs: 20 }));
