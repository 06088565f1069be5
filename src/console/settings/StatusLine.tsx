/** The outcome of the last save, announced to screen readers. */
export function StatusLine({ status }: { status: { ok: boolean; text: string } | undefined }) {
  return (
    <p className={`cs-settings__status${status && !status.ok ? ' cs-error' : ''}`} role="status" data-testid="settings-status">
      {status?.text ?? ''}
    </p>
  );
}
