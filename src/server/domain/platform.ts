import { AgentAccounts } from './agents.js';
import { AgentDirectory } from './agentDirectory.js';
import { Bots } from './bots.js';
import { Groups } from './groups.js';
import { PropertyDefinitions } from './propertyDefinitions.js';
import { WebhookRegistry } from './webhookRegistry.js';
import { AgentChats } from './agentChats.js';
import { AgentQueries } from './agentQueries.js';
import { Bans } from './bans.js';
import { ChatLifecycle } from './chats.js';
import { ChatProperties } from './chatProperties.js';
import { ChatQueries } from './chatQueries.js';
import { Customers } from './customers.js';
import { CustomerTokens } from './customerTokens.js';
import { EventWriter } from './eventWriter.js';
import { Files, fileIdFromUrl } from './files.js';
import { LicenseSettings } from './licenses.js';
import { Messaging } from './messaging.js';
import type { Clock, FanOut, FileBlobs, Store } from './ports.js';
import { PropertyCatalog } from './propertyCatalog.js';
import { Router } from './routing.js';
import { RoutingStatuses } from './routingStatuses.js';
import { Transfers } from './transfers.js';
import { UnitOfWork } from './unitOfWork.js';

export interface PlatformPorts {
  store: Store;
  fanOut: FanOut;
  blobs: FileBlobs;
  clock: Clock;
  tokenSecret: string;
  customerTokenTtlSeconds: number;
}

/** The domain core, assembled from its ports. API surfaces receive the services they use from it. */
export function createPlatform(ports: PlatformPorts) {
  const uow = new UnitOfWork(ports.store, ports.fanOut);
  const catalog = new PropertyCatalog();
  const router = new Router(ports.clock);
  const events = new EventWriter(ports.clock, catalog, fileIdFromUrl);
  const lifecycle = new ChatLifecycle(uow, ports.clock, router, catalog, events);
  const agents = new AgentAccounts(uow, ports.clock);
  return {
    uow,
    clock: ports.clock,
    catalog,
    router,
    events,
    lifecycle,
    messaging: new Messaging(uow, ports.clock, events),
    queries: new ChatQueries(uow, ports.clock),
    chatProperties: new ChatProperties(uow, catalog),
    customers: new Customers(uow, ports.clock, new CustomerTokens(ports.tokenSecret, ports.clock, ports.customerTokenTtlSeconds)),
    licenses: new LicenseSettings(uow, catalog),
    agents,
    // Configuration API
    agentDirectory: new AgentDirectory(uow, agents),
    bots: new Bots(uow, ports.clock),
    groups: new Groups(uow, catalog),
    propertyDefinitions: new PropertyDefinitions(uow, catalog),
    webhooks: new WebhookRegistry(uow, ports.clock),
    routingStatuses: new RoutingStatuses(uow, agents, router),
    files: new Files(uow, ports.clock, ports.blobs),
    agentQueries: new AgentQueries(uow, ports.clock),
    agentChats: new AgentChats(uow, router, events),
    transfers: new Transfers(uow, ports.clock, router, events),
    bans: new Bans(uow, ports.clock, lifecycle),
  };
}

export type Platform = ReturnType<typeof createPlatform>;
