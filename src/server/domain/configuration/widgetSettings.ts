import type { Properties } from '../../../protocol/entities.js';

/** What a fresh server sets so that the product's point, several chats at once, works out of the box (#15). */
export const FIRST_START_LICENSE_PROPERTIES: Properties = { routing: { max_customer_chats_count: 5 } };
