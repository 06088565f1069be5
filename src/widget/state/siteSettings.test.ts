import { describe, expect, it } from 'vitest';
import { siteSettingsFrom, teamFrom } from './siteSettings.js';

describe('siteSettingsFrom()', () => {
  it('reads the switchboard.* license properties', () => {
    expect(siteSettingsFrom({ switchboard: { widget_name: ' Northwind ', logo_url: 'https://shop.example/logo.svg', brand_color: '#0F766E', welcome_text: 'Hi!', reply_time: 5 } })).toEqual({
      name: 'Northwind', logoUrl: 'https://shop.example/logo.svg', brandColor: '#0F766E', welcomeText: 'Hi!', replyMinutes: 5,
    });
  });

  it('leaves out what is missing or unsafe: non-http(s) logos, colours that are not #rrggbb, negative times', () => {
    expect(siteSettingsFrom({ switchboard: { logo_url: 'javascript:alert(1)', brand_color: 'red;background:url(x)', reply_time: -1, widget_name: '' } })).toEqual({});
    expect(siteSettingsFrom({})).toEqual({});
  });
});

describe('teamFrom()', () => {
  it('keeps named members with http(s) avatars, drops unsafe avatars and nameless entries (#15)', () => {
    expect(teamFrom({ team: [
      { name: ' Jane ', avatar: 'https://cdn.example.com/jane.png' },
      { name: 'Eve', avatar: 'javascript:alert(1)' },
      { name: '' },
      null,
      { avatar: 'https://cdn.example.com/x.png' },
    ] })).toEqual([{ name: 'Jane', avatar: 'https://cdn.example.com/jane.png' }, { name: 'Eve' }]);
    expect(teamFrom({})).toEqual([]);
  });
});
