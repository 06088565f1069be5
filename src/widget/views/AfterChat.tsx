import { useId, useState, type FormEvent } from 'react';
import { currentThread } from '../../chat/threads.js';
import { useCommands, useWidget } from './WidgetContext.js';
import './visitor.css';
import { useStrings } from './strings.js';

type Score = 0 | 1;

/** An icon, not an emoji: it must not depend on the visitor's fonts. */
function Thumb({ down }: { down: boolean }) {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" className={down ? 'sb-thumb sb-thumb--down' : 'sb-thumb'}>
      <path fill="currentColor" d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z" />
    </svg>
  );
}

function Rating({ chatId }: { chatId: string }) {
  const t = useStrings();
  const commands = useCommands();
  const stored = useWidget((state) => {
    const chat = state.chats[chatId];
    const score = chat ? currentThread(chat)?.properties?.rating?.score : undefined;
    return score === 0 || score === 1 ? score : undefined;
  });
  const [score, setScore] = useState<Score | undefined>(stored);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState<Score | undefined>(stored);
  const [state, setState] = useState<'idle' | 'sending' | 'failed'>('idle');
  const commentId = useId();
  const headingId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (score === undefined || state === 'sending') return;
    setState('sending');
    try {
      await commands.rateChat(chatId, { score, comment });
      setSent(score);
      setState('idle');
    } catch {
      setState('failed');
    }
  }

  if (sent !== undefined) {
    return (
      <p className="sb-after__done" role="status" data-testid="rating-thanks">
        {t.rateThanks(sent === 1)} <button type="button" className="sb-link-button" onClick={() => setSent(undefined)}>{t.rateChange}</button>
      </p>
    );
  }
  return (
    <form className="sb-rating" onSubmit={submit} aria-labelledby={headingId} data-testid="rating-form">
      <h3 id={headingId} className="sb-after__heading">{t.rateHeading}</h3>
      <div className="sb-rating__choices" role="group" aria-labelledby={headingId}>
        {([1, 0] as const).map((value) => (
          <button key={value} type="button" className="sb-chip sb-rating__choice" aria-pressed={score === value} onClick={() => setScore(value)} data-testid={value === 1 ? 'rate-good' : 'rate-bad'}>
            <Thumb down={value === 0} /> {value === 1 ? t.rateGood : t.rateBad}
          </button>
        ))}
      </div>
      {score !== undefined && (
        <>
          <label htmlFor={commentId} className="sb-label">{t.rateCommentLabel}</label>
          <textarea id={commentId} className="sb-input" rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="rating-comment" />
          <div><button type="submit" className="sb-button sb-button--primary" disabled={state === 'sending'} data-testid="rating-submit">{t.rateSend}</button></div>
        </>
      )}
      {state === 'failed' && <p className="sb-error" role="alert">{t.rateFailed}</p>}
    </form>
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Transcript({ chatId }: { chatId: string }) {
  const t = useStrings();
  const commands = useCommands();
  const customerEmail = useWidget((state) => state.customer?.email ?? '');
  const topic = useWidget((state) => state.chats[chatId]?.topic);
  const [email, setEmail] = useState(customerEmail);
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' } | { kind: 'sent'; email: string } | { kind: 'error'; text: string }>({ kind: 'idle' });
  const emailId = useId();

  async function downloadTranscript() {
    setStatus({ kind: 'busy' });
    try {
      const text = await commands.transcript(chatId);
      const slug = (topic ?? 'chat').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chat';
      download(`transcript-${slug}.txt`, text);
      setStatus({ kind: 'idle' });
    } catch {
      setStatus({ kind: 'error', text: t.transcriptLoadFailed });
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    const to = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) return setStatus({ kind: 'error', text: t.emailInvalid });
    setStatus({ kind: 'busy' });
    try {
      await commands.emailTranscript(chatId, to);
      setStatus({ kind: 'sent', email: to });
    } catch (error) {
      setStatus({ kind: 'error', text: t.transcriptFailed((error as { type?: string }).type ?? String((error as Error).message)) });
    }
  }

  return (
    <form className="sb-transcript" onSubmit={send} noValidate aria-label={t.transcriptHeading}>
      <button type="button" className="sb-button" onClick={() => void downloadTranscript()} disabled={status.kind === 'busy'} data-testid="transcript-download">{t.transcriptDownload}</button>
      <label htmlFor={emailId} className="sb-label">{t.transcriptEmailLabel}</label>
      <div className="sb-transcript__row">
        <input id={emailId} className="sb-input" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="transcript-email" />
        <button type="submit" className="sb-button" disabled={status.kind === 'busy'} data-testid="transcript-send">{t.transcriptEmailSend}</button>
      </div>
      <p className="sb-after__status" role="status" data-testid="transcript-status">
        {status.kind === 'sent' ? t.transcriptSent(status.email) : status.kind === 'error' ? status.text : ''}
      </p>
    </form>
  );
}

/** Below a closed chat: rate it (`rating.score`/`rating.comment` of its newest thread) and keep the transcript. */
export function AfterChat({ chatId }: { chatId: string }) {
  const t = useStrings();
  return (
    <section className="sb-after" aria-label={t.rateHeading} data-testid="after-chat">
      <Rating chatId={chatId} />
      <Transcript chatId={chatId} />
    </section>
  );
}
