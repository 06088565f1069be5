import { useState } from 'react';
import { canSupervise } from '../state/supervision.js';
import { useConsole } from '../views/ConsoleContext.js';
import { AgentsSection } from './AgentsSection.js';
import { BotsSection } from './BotsSection.js';
import { CannedResponsesSection } from './CannedResponsesSection.js';
import { GroupsSection } from './GroupsSection.js';
import { LicenseSection } from './LicenseSection.js';
import { PrechatSection } from './PrechatSection.js';
import { ProfileSection } from './ProfileSection.js';

type Section = 'license' | 'prechat' | 'agents' | 'groups' | 'bots' | 'canned' | 'profile';
const TITLES: Record<Section, string> = {
  license: 'Chats and widget', prechat: 'Pre-chat form', agents: 'Agents', groups: 'Groups', bots: 'Bots', canned: 'Canned responses', profile: 'My profile',
};

/**
 * The settings area: owners and administrators set up the license and the team; every agent edits
 * their own profile and reads the canned responses. Everything here goes through the Configuration API.
 */
export function SettingsPage({ onClose }: { onClose: () => void }) {
  const supervisor = useConsole((state) => canSupervise(state.me));
  const sections: Section[] = supervisor ? ['license', 'prechat', 'agents', 'groups', 'bots', 'canned', 'profile'] : ['profile', 'canned'];
  const [section, setSection] = useState<Section>(sections[0] as Section);
  return (
    <div className="cs-settings" data-testid="settings">
      <nav className="cs-settings__nav" aria-label="Settings">
        <h2>Settings</h2>
        <ul>
          {sections.map((s) => (
            <li key={s}>
              <button type="button" className="cs-settings__tab" aria-current={s === section ? 'page' : undefined} onClick={() => setSection(s)} data-testid={`settings-${s}`}>{TITLES[s]}</button>
            </li>
          ))}
        </ul>
        <button type="button" className="cs-button" onClick={onClose} data-testid="settings-close">Back to chats</button>
      </nav>
      <main className="cs-settings__main" aria-labelledby="cs-settings-title">
        <h2 id="cs-settings-title">{TITLES[section]}</h2>
        {section === 'license' && <LicenseSection />}
        {section === 'prechat' && <PrechatSection />}
        {section === 'agents' && <AgentsSection />}
        {section === 'groups' && <GroupsSection />}
        {section === 'bots' && <BotsSection />}
        {section === 'canned' && <CannedResponsesSection />}
        {section === 'profile' && <ProfileSection />}
      </main>
    </div>
  );
}
