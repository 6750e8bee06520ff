import { indexNik } from './nik-index';
import { addFlagTask, enqueue, writeNewItem, type OutboxItem, type Submission } from './queue';
import { issueReference } from './references';
import { rememberSubmission } from './submissions';

/**
 * Durable first: a fresh reference, the sealed record, the NIK indexed, then its queue key — six
 * Blobs writes in four rounds. The record and the NIK index go before the queue key, so a record a
 * deliverer finds in the queue is there in full and knows whether its NIK is shared; the submission
 * id last, so a repeated submission is answered with this reference only once the record is queued.
 * Touches the references, queue, NIK index and submissions stores (each through its own module).
 */
export async function acceptRegistration(submission: Submission, options: { submissionId?: string; nikHash?: string } = {}): Promise<OutboxItem> {
  const at = new Date();
  const reference = await issueReference(at);
  const record = { reference, createdAt: at.toISOString(), attempts: 0, ...(options.nikHash ? { nikHash: options.nikHash } : {}) };
  const [item, earlier] = await Promise.all([writeNewItem(record, submission), options.nikHash ? indexNik(options.nikHash, reference) : undefined]);
  await Promise.all([enqueue(item), earlier ? addFlagTask(earlier) : undefined]);
  if (options.submissionId) await rememberSubmission(options.submissionId, reference);
  return item;
}
