import { TOPIC_PROPERTY } from '../protocol/customer.js';
import type { Properties, PropertyNames } from '../protocol/entities.js';
import type { ChatCore } from './model.js';

/** The chat's topic: property `switchboard.topic` when it is a non-blank string. */
export function topicOf(properties: Properties): string | undefined {
  const value = properties[TOPIC_PROPERTY.namespace]?.[TOPIC_PROPERTY.name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Replaces the chat's properties (and with them its topic). */
export function withProperties<C extends ChatCore>(chat: C, properties: Properties): C {
  return { ...chat, properties, topic: topicOf(properties) };
}

export function applyPropertiesUpdated<C extends ChatCore>(chat: C, properties: Properties): C {
  const merged: Properties = { ...chat.properties };
  for (const [namespace, values] of Object.entries(properties)) merged[namespace] = { ...merged[namespace], ...values };
  return withProperties(chat, merged);
}

export function applyPropertiesDeleted<C extends ChatCore>(chat: C, names: PropertyNames): C {
  const merged: Properties = { ...chat.properties };
  for (const [namespace, keys] of Object.entries(names)) {
    const values = { ...merged[namespace] };
    for (const key of keys) delete values[key];
    merged[namespace] = values;
  }
  return withProperties(chat, merged);
}
