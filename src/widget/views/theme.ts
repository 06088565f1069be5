import type { CSSProperties } from 'react';

function channel(hex: string, at: number): number {
  const value = parseInt(hex.slice(at, at + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/**
 * The brand colour as the widget's primary token, with white or near-black text on it,
 * whichever reads better (so a pale brand colour still passes contrast checks).
 */
export function brandStyle(brandColor: string | undefined): CSSProperties | undefined {
  if (!brandColor || !/^#[0-9a-f]{6}$/i.test(brandColor)) return undefined;
  const light = luminance(brandColor);
  const onWhite = 1.05 / (light + 0.05);
  const onDark = (light + 0.05) / 0.05;
  const on = onWhite >= onDark ? '#ffffff' : '#111827';
  return { '--switchboard-primary': brandColor, '--switchboard-on-primary': on, '--switchboard-hero': brandColor, '--switchboard-on-hero': on } as CSSProperties;
}
