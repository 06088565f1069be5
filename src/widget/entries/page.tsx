import './fullPage.css';
import { linkSelectedChat } from './chatLink.js';
import { mountHostedWidget } from './mount.js';
import { showUnreadInTitle } from './unreadTitle.js';
import { chatPane } from '../views/lazyVisitorViews.js';

/** The standalone full-page widget (`index.html`, served at `/`); `?chat=<id>` opens a chat. */
const element = document.getElementById('switchboard');
// A link to a chat opens it once synced: fetch its pane while connecting.
if (element && new URL(location.href).searchParams.has('chat')) void chatPane.load().catch(() => undefined);
if (element) {
  void mountHostedWidget(element, (switchboard, locale) => {
    const heading = document.getElementById('page-heading');
    if (heading) heading.textContent = locale.strings.widgetLabel;
    linkSelectedChat(switchboard.store, location, history);
    showUnreadInTitle(switchboard.store, document);
  });
}
