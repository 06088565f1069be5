import { forwardRef, Suspense, useEffect, useState, type DragEvent } from 'react';
import { currentThread } from '../../chat/threads.js';
import { presentAgents } from '../../chat/users.js';
import { AfterChat } from './lazyVisitorViews.js';
import { chatTitle } from './ChatList.js';
import { Composer } from './Composer.js';
import { History } from './History.js';
import { Avatar } from './Avatar.js';
import { useStrings } from './strings.js';
import { uploadErrorText } from './uploadError.js';
import { useCommands, useWidget, useWidgetLocale } from './WidgetContext.js';

interface Upload { id: number; name: string; progress: number; failed: boolean; error?: string }
let uploadIds = 0;

function useUploads(chatId: string) {
  const commands = useCommands();
  const strings = useStrings();
  const { tag } = useWidgetLocale();
  const [uploads, setUploads] = useState<Upload[]>([]);
  function start(files: File[]) {
    for (const file of files) {
      const id = ++uploadIds;
      setUploads((list) => [...list, { id, name: file.name, progress: 0, failed: false }]);
      commands
        .sendFile(chatId, file, (progress) => setUploads((list) => list.map((u) => (u.id === id ? { ...u, progress } : u))))
        .then(() => setUploads((list) => list.filter((u) => u.id !== id)))
        .catch((error: unknown) => {
          const reason = uploadErrorText(error, file.name, strings, tag);
          setUploads((list) => list.map((u) => (u.id === id ? { ...u, failed: true, error: reason } : u)));
        });
    }
  }
  const dismiss = (id: number) => setUploads((list) => list.filter((u) => u.id !== id));
  return { uploads, start, dismiss };
}

function ChatStatus({ chatId }: { chatId: string }) {
  const chat = useWidget((state) => state.chats[chatId]);
  const typing = useWidget((state) => state.typing[chatId] ?? false);
  const strings = useStrings();
  if (!chat) return null;
  const thread = currentThread(chat);
  const agents = presentAgents(chat);
  const typingName = agents[0]?.name || strings.someone;
  return (
    <div className="sb-chat-status">
      {chat.active && thread?.queue && <p className="sb-notice" role="status" data-testid="queue">{strings.queue(thread.queue.position, thread.queue.wait_time > 0 ? Math.max(1, Math.round(thread.queue.wait_time / 60)) : 0)}</p>}
      {chat.active && !thread?.queue && agents.length === 0 && <p className="sb-notice">{strings.waitingForAgent}</p>}
      <p className="sb-typing" aria-hidden={!typing} data-testid="typing">{typing ? strings.typing(typingName) : ''}</p>
    </div>
  );
}

/** One chat: header (topic, agents, End chat, back), timeline, status line and composer. */
export const ChatPane = forwardRef<HTMLHeadingElement, { chatId: string; onBack: () => void }>(function ChatPane({ chatId, onBack }, headingRef) {
  const chat = useWidget((state) => state.chats[chatId]);
  const connected = useWidget((state) => state.connection.status === 'connected');
  const visible = useWidget((state) => state.visible);
  const commands = useCommands();
  const strings = useStrings();
  const { uploads, start, dismiss } = useUploads(chatId);
  const [ending, setEnding] = useState(false);
  const [dragging, setDragging] = useState(false);
  const lastEventId = chat?.eventOrder[chat.eventOrder.length - 1];

  useEffect(() => {
    if (lastEventId && visible && document.visibilityState !== 'hidden') commands.markSeen(chatId);
  }, [chatId, lastEventId, commands, connected, visible]);

  if (!chat) return null;
  const title = chatTitle(chat, strings);
  const agents = presentAgents(chat);
  const onFiles = connected ? start : undefined;

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0 && onFiles) onFiles(files);
  }

  return (
    <section
      className="sb-chat"
      aria-labelledby={`sb-chat-title-${chatId}`}
      data-dragging={dragging}
      onDragOver={(event) => {
        if (!onFiles) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="sb-chat__header">
        <button type="button" className="sb-icon-button sb-back" onClick={onBack} aria-label={strings.back}>
          <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24"><path fill="currentColor" d="M15.4 6.4 14 5l-7 7 7 7 1.4-1.4L9.8 12z" /></svg>
        </button>
        {agents.length > 0 && (
          <span className="sb-chat__avatars" aria-hidden="true">
            {agents.slice(0, 3).map((agent) => <Avatar key={agent.id} user={agent} />)}
          </span>
        )}
        <div className="sb-chat__title">
          <h2 id={`sb-chat-title-${chatId}`} tabIndex={-1} ref={headingRef}>{title}</h2>
          {agents.length > 0 && <p className="sb-chat__agents">{strings.agentsInChat(agents.map((agent) => agent.name).join(', '))}</p>}
        </div>
        {chat.active && (
          <button
            type="button"
            className="sb-button"
            disabled={ending || !connected}
            onClick={() => {
              setEnding(true);
              commands.endChat(chatId).catch(() => undefined).finally(() => setEnding(false));
            }}
          >
            {ending ? strings.endingChat : strings.endChat}
          </button>
        )}
      </header>
      <History key={chatId} chatId={chatId} label={strings.historyLabel(title)} />
      <ChatStatus chatId={chatId} />
      {!chat.active && chat.threadOrder.length > 0 && <Suspense fallback={null}><AfterChat key={currentThread(chat)?.id} chatId={chatId} /></Suspense>}
      {uploads.length > 0 && (
        <ul className="sb-uploads">
          {uploads.map((upload) => (
            <li key={upload.id}>
              {upload.failed ? (
                <span role="alert">{upload.error ?? strings.uploadFailed(upload.name)} <button type="button" className="sb-link-button" onClick={() => dismiss(upload.id)}>{strings.discard}</button></span>
              ) : (
                <label>
                  {strings.uploading(upload.name, Math.round(upload.progress * 100))}
                  <progress max={1} value={upload.progress} />
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
      {dragging && <p className="sb-drop" aria-hidden="true">{strings.dropHere}</p>}
      <Composer key={chatId} chatId={chatId} onFiles={onFiles} />
    </section>
  );
});
