import { QuestionDeadline } from '#domain/communication/index.ts';
import { parseArrival } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { questionsApi } from '#wiring/communication.ts';
import { logger } from '#wiring/log.ts';

const questions = questionsApi();

/** A question's deadline schedule fired: remind whoever owes the answer, or escalate; once each. */
export const handler = arrivalHandler(async (input, context) => {
  const { questionId, step } = parseArrival(QuestionDeadline, input, {
    source: 'question deadline schedule',
    id: context.awsRequestId,
  });
  const outcome = await questions.deadline(questionId, step);
  logger.info('Question deadline', { questionId, step, outcome });
  return { questionId, step, outcome };
});
