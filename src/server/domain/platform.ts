import { AgentAccounts } from './agents/agents.js';
import { AgentDirectory } from './agents/agentDirectory.js';
import { AgentLifecycle } from './agents/agentLifecycle.js';
import { Bots } from './configuration/bots.js';
import { Forms } from './configuration/forms.js';
import { Groups } from './configuration/groups.js';
import { Tags } from './configuration/tags.js';
import { CannedResponses } from './configuration/cannedResponses.js';
import { PropertyDefinitions } from './configuration/propertyDefinitions.js';
import { WebhookRegistry } from './configuration/webhookRegistry.js';
import { AgentChats } from './agents/agentChats.js';
import { AgentQueries } from './agents/agentQueries.js';
import { Bans } from './identity/bans.js';
import { ChatFollowers, followersReceiveChatPushes } from './agents/chatFollowers.js';
import { TransferCandidates } from './agents/transferCandidates.js';
import { PredictedAgents } from './agents/predictedAgent.js';
import { PublicTeam } from './agents/team.js';
import { ChatLifecycle } from './conversations/chats.js';
import { ChatProperties } from './conversations/chatProperties.js';
import { ChatQueries } from './conversations/chatQueries.js';
import { BotTokens } from './identity/botTokens.js';
import { CredentialReads } from './identity/credentialReads.js';
import { Customers } from './identity/customers.js';
import { Visitors } from './identity/visitors.js';
import { CustomerProfiles } from './identity/customerProfile.js';
import { CustomerSearch } from './identity/customerSearch.js';
import { CustomerGreetings } from './identity/customerGreetings.js';
import { CustomerTokens } from './identity/customerTokens.js';
import { EventWriter } from './conversations/eventWriter.js';
import { Files, FileUrls } from './conversations/files.js';
import { LicenseSettings } from './configuration/licenses.js';
import { Messaging } from './conversations/messaging.js';
import type { Clock, FanOut, FileBlobs, Store, UrlPreviews } from './ports.js';
import { PropertyCatalog } from './configuration/propertyCatalog.js';
import { Router } from './agents/routing.js';
import { RoutingStatuses } from './agents/routingStatuses.js';
import { Transfers } from './agents/transfers.js';
import { UnitOfWork } from './unitOfWork.js';
import type { MailSender } from './notifications/mailPort.js';
import { Transcripts } from './notifications/transcripts.js';

export interface PlatformPorts {
  store: Store;
  fanOut: FanOut;
  blobs: FileBlobs;
  clock: Clock;
  tokenSecret: string;
  customerTokenTtlSeconds: number;
  /** The server's public origin (`PUBLIC_URL`), read when a URL is built: it may be known only once listening. */
  publicUrl: () => string;
  urlPreviews: UrlPreviews;
  /** Present when the server may send e-mail (`SMTP_URL`). */
  mail?: MailSender;
}

/** The domain core, assembled from its ports. API surfaces receive the services they use from it. */
export function createPlatform(ports: PlatformPorts) {
  const uow = new UnitOfWork(ports.store, ports.fanOut);
  uow.addTransactionalListener(followersReceiveChatPushes);
  const catalog = new PropertyCatalog();
  const router = new Router(ports.clock);
  const fileUrls = new FileUrls(ports.publicUrl);
  const events = new EventWriter(ports.clock, catalog, fileUrls);
  const lifecycle = new ChatLifecycle(uow, ports.clock, router, catalog, events);
  const visitors = new Visitors(uow, ports.clock);
  const botTokens = new BotTokens(uow, ports.clock, ports.tokenSecret);
  const agents = new AgentAccounts(uow, ports.clock, botTokens);
  return {
    uow,
    credentials: new CredentialReads(uow, ports.store.readsAreRemote === true),
    clock: ports.clock,
    catalog,
    router,
    events,
    lifecycle,
    messaging: new Messaging(uow, ports.clock, events),
    queries: new ChatQueries(uow, ports.clock),
    chatProperties: new ChatProperties(uow, catalog),
    customers: new Customers(uow, ports.clock, new CustomerTokens(ports.tokenSecret, ports.clock, ports.customerTokenTtlSeconds), visitors),
    visitors,
    customerProfiles: new CustomerProfiles(uow, ports.clock),
    customerSearch: new CustomerSearch(uow, ports.clock),
    licenses: new LicenseSettings(uow, catalog),
    forms: new Forms(uow, catalog),
    greetings: new CustomerGreetings(uow, ports.clock, catalog),
    urlPreviews: ports.urlPreviews,
    agents,
    botTokens,
    // Configuration API
    agentDirectory: new AgentDirectory(uow, agents),
    agentLifecycle: new AgentLifecycle(uow, ports.clock),
    bots: new Bots(uow, ports.clock),
    groups: new Groups(uow, catalog),
    tags: new Tags(uow, ports.clock),
    cannedResponses: new CannedResponses(uow, ports.clock),
    propertyDefinitions: new PropertyDefinitions(uow, catalog),
    webhooks: new WebhookRegistry(uow, ports.clock),
    routingStatuses: new RoutingStatuses(uow, agents, router),
    files: new Files(uow, ports.clock, ports.blobs, fileUrls),
    agentQueries: new AgentQueries(uow, ports.clock),
    agentChats: new AgentChats(uow, router, events),
    transfers: new Transfers(uow, ports.clock, router, events),
    bans: new Bans(uow, ports.clock, lifecycle),
    followers: new ChatFollowers(uow),
    transferCandidates: new TransferCandidates(uow),
    predictedAgents: new PredictedAgents(uow, router),
    team: new PublicTeam(uow),
    transcripts: new Transcripts(uow, ports.mail),
  };
}

export type Platform = ReturnType<typeof createPlatform>;
