import type { DomainEvent } from '../domainEvents.js';
import type { UnitOfWork } from '../unitOfWork.js';
import type { MailMessage, MailSender } from './mailPort.js';

export interface ReplyNotifierDeps {
  uow: UnitOfWork;
  mail: MailSender;
  /** Whether the customer has an open connection on this node (then the widget shows the reply). */
  isConnected(customerId: string): boolean;
  /** Where the visitor continues the chat (`PUBLIC_URL`). */
  publicUrl(): string;
  /** Failed deliveries are reported, never thrown into the event stream. */
  onError(error: unknown): void;
}

interface IncomingEventPayload { chat_id: string; event: { type: string; text?: string; author_id?: string } }

/**
 * Mails a human agent's message to a visitor who left an e-mail address and is not connected, so a
 * message left while nobody was available gets its answer. Subscribes to the domain events this
 * node delivers (the same stream its sockets get).
 * NOTE: "connected" is this node's view; with one fan-out per node that is the whole picture.
 */
export class ReplyNotifier {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly deps: ReplyNotifierDeps) {}

  handle(event: DomainEvent): void {
    if (event.kind !== 'chat_push' || event.name !== 'incoming_event' || event.meta?.authorType !== 'agent' || !event.customerPayload) return;
    const payload = event.customerPayload as IncomingEventPayload;
    if (payload.event.type !== 'message' || !payload.event.author_id) return;
    const job = this.#notify(event.licenseId, payload).catch((error: unknown) => this.deps.onError(error));
    this.#pending.add(job);
    void job.finally(() => this.#pending.delete(job));
  }

  /** Resolves when every mail started so far has been handed to the mail server (or failed). */
  async idle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  async #notify(licenseId: number, payload: IncomingEventPayload): Promise<void> {
    const message = await this.deps.uow.read(async (tx): Promise<MailMessage | undefined> => {
      const chat = await tx.getChat(licenseId, payload.chat_id);
      if (!chat) return undefined;
      const customer = await tx.getCustomer(licenseId, chat.customerId);
      if (!customer?.email || this.deps.isConnected(customer.id)) return undefined;
      const agent = await tx.getAgent(licenseId, payload.event.author_id!);
      if (!agent || agent.isBot) return undefined;
      const topic = chat.properties.switchboard?.topic;
      const about = typeof topic === 'string' && topic ? ` about “${topic}”` : '';
      return {
        to: customer.email,
        subject: `${agent.name} replied to your message${about}`,
        text: `${agent.name} wrote:\n\n${payload.event.text ?? ''}\n\nContinue the chat: ${this.deps.publicUrl()}/?chat=${encodeURIComponent(chat.id)}\n`,
      };
    });
    if (message) await this.deps.mail.send(message);
  }
}
