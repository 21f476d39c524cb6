// The sandbox's child process: reads one job from the parent, answers once, exits. See parse-sandbox.ts.
import { answerParseJob, type ParseJob } from './parse-job';

process.once('message', (job: ParseJob) => {
  void answerParseJob(job).then((reply) => {
    process.send?.(reply, () => process.exit(0));
  });
});
