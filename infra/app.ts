import { App } from 'aws-cdk-lib';
import { addPlatform } from '#infra/platform';

/** `npx cdk synth|deploy`: the app reads its settings from cdk.json context (or `-c key=value`). */
const app = new App();
addPlatform(app);
app.synth();
