import type { Properties } from '../../protocol/entities.js';

/** The license's widget settings (`switchboard.*` license properties), checked. */
export interface SiteSettings {
  name?: string;
  logoUrl?: string;
  brandColor?: string;
  welcomeText?: string;
  /** Usual reply time, minutes (the owner wrote a number: the widget words it in the visitor's language). */
  replyMinutes?: number;
  /** Usual reply time as the owner wrote it ("within a few minutes"), shown as it is. */
  replyText?: string;
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
}

/** Only http(s) URLs become image sources. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function brandColor(value: unknown): string | undefined {
  return typeof value === 'string' && HEX_COLOR.test(value.trim()) ? value.trim() : undefined;
}

function minutes(value: unknown): number | undefined {
  if (typeof value === 'string' && !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? Math.round(number) : undefined;
}

/** Reads `list_license_properties` (namespace `switchboard`); what is missing or malformed is left out. */
export function siteSettingsFrom(properties: Properties): SiteSettings {
  const values = (properties.switchboard ?? {}) as Record<string, unknown>;
  const settings: SiteSettings = {};
  const name = text(values.widget_name, 80);
  const logoUrl = httpUrl(values.logo_url);
  const color = brandColor(values.brand_color);
  const welcomeText = text(values.welcome_text, 500);
  const replyMinutes = minutes(values.reply_time);
  if (name) settings.name = name;
  if (logoUrl) settings.logoUrl = logoUrl;
  if (color) settings.brandColor = color;
  if (welcomeText) settings.welcomeText = welcomeText;
  if (replyMinutes !== undefined) settings.replyMinutes = replyMinutes;
  else {
    const replyText = text(values.reply_time, 120);
    if (replyText) settings.replyText = replyText;
  }
  return settings;
}

/** A person of the team on the home view (`list_team`): a name, and an avatar when it is an http(s) URL. */
export interface TeamMember {
  name: string;
  avatar?: string;
}

/** Reads `list_team`; members without a name are left out, avatars that are not http(s) dropped. */
export function teamFrom(response: { team?: unknown }): TeamMember[] {
  const members = Array.isArray(response.team) ? (response.team as unknown[]) : [];
  return members.flatMap((member) => {
    const { name, avatar } = (member ?? {}) as Record<string, unknown>;
    const checkedName = text(name, 80);
    if (!checkedName) return [];
    const checkedAvatar = httpUrl(avatar);
    return [checkedAvatar ? { name: checkedName, avatar: checkedAvatar } : { name: checkedName }];
  });
}
