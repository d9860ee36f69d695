import type { CommunicationBody } from './hooks';

export const CHANNEL_LABELS: Record<CommunicationBody['channel'], string> = {
  'app-message': 'App message',
  text: 'Text message',
  email: 'Email',
  call: 'Phone call',
  'in-person': 'In person',
  other: 'Other',
};

export const DIRECTION_LABELS: Record<CommunicationBody['direction'], string> = {
  received: 'Received',
  sent: 'Sent',
};

export function isChannel(value: string): value is CommunicationBody['channel'] {
  return value in CHANNEL_LABELS;
}

export function isDirection(value: string): value is CommunicationBody['direction'] {
  return value in DIRECTION_LABELS;
}
