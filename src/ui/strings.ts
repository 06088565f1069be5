/** The English words both front ends show; the widget's catalog (`widget/views/strings.ts`) includes them. */
export const uiStrings = {
  today: 'Today',
  yesterday: 'Yesterday',
  you: 'You',
  file: (name: string, size: string) => `${name} (${size})`,
} as const;
