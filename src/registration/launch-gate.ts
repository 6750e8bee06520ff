import type { MessageKey } from '../i18n';

// No NIK before the city is named in the notice: in production, registration opens only when the
// privacy notice can name who is responsible and how to reach them (UU PDP Pasal 21 and 53), who is
// responsible for the copy APJATI receives (its role, the city's decision: Pasal 18), and a person can
// reach the program at all. `registration.open` alone is not enough. Each gap is named, for the "opens
// soon" page's reason and for check:launch.

export type GateGap = 'controller' | 'controllerContact' | 'officer' | 'officerContact' | 'apjatiRole' | 'retention' | 'contactChannel';

interface GateFacts {
  contact: { phone?: string | undefined; whatsapp?: string | undefined; email?: string | undefined };
  privacy: {
    controller: { name: { id?: string | undefined }; email?: string | undefined; phone?: string | undefined; address?: string | undefined };
    officer: { name?: string | undefined; email?: string | undefined; phone?: string | undefined };
    apjatiRole?: string | undefined;
    retentionMonths?: number | undefined;
  };
}

const has = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '');

/** What keeps registration shut in production, in the order a reader meets it in the notice. */
export function gateGaps({ contact, privacy }: GateFacts): GateGap[] {
  const gaps: GateGap[] = [];
  if (!has(privacy.controller.name.id)) gaps.push('controller');
  if (!has(privacy.controller.email) && !has(privacy.controller.phone) && !has(privacy.controller.address)) gaps.push('controllerContact');
  if (!has(privacy.officer.name)) gaps.push('officer');
  if (!has(privacy.officer.email) && !has(privacy.officer.phone)) gaps.push('officerContact');
  if (!has(privacy.apjatiRole)) gaps.push('apjatiRole');
  if (!has(privacy.retentionMonths)) gaps.push('retention');
  if (!has(contact.phone) && !has(contact.whatsapp) && !has(contact.email)) gaps.push('contactChannel');
  return gaps;
}

/** The wording of each gap, for check:launch (staff read Indonesian). */
export const GATE_GAP_KEYS: Record<GateGap, MessageKey> = {
  controller: 'gate.gap.controller',
  controllerContact: 'gate.gap.controllerContact',
  officer: 'gate.gap.officer',
  officerContact: 'gate.gap.officerContact',
  apjatiRole: 'gate.gap.apjatiRole',
  retention: 'gate.gap.retention',
  contactChannel: 'gate.gap.contactChannel',
};
