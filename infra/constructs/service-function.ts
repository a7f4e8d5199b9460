import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { lambdaBundling } from '#infra/bundling';
import { readConfig } from '#infra/config';
import { PRODUCT, projectRoot } from '#infra/project';

export interface ServiceFunctionProps {
  /** The service's name: its folder under services/ and its Powertools service name. */
  serviceName: string;
  /** The entry file, relative to the repository root (from the registry). */
  entry: string;
  stage: string;
  description: string;
  environment: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
}

/** Function logs are operational; the audit trail lives in the table and the event archive. */
const LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

/**
 * The function's code: its entry bundled by the local esbuild with infra/bundling.ts's options (ESM, code
 * splitting, so operations load their heavy modules on first use). The SDK is bundled too, to ship the
 * exact versions the tests ran against rather than whichever the runtime carries. The asset hash is the
 * output's, as NodejsFunction's is.
 */
function bundledCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: bundling is local only (esbuild is a dev dependency); CDK requires an image anyway.
      image: DockerImage.fromRegistry('esbuild-is-local'),
      local: {
        tryBundle(outputDir) {
          buildSync({
            ...lambdaBundling,
            entryPoints: [join(projectRoot, entry)],
            outdir: outputDir,
            sourcemap: true,
            sourcesContent: false,
          });
          return true;
        },
      },
    },
  });
}

/**
 * One Lambda function of the platform: Node.js 24 on Graviton, an ESM bundle built by the local esbuild,
 * its own log group and its own role. The role starts with nothing but its log group; callers grant the
 * rest resource by resource.
 */
export class ServiceFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An inline role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.stage} ${PRODUCT}: the ${props.serviceName} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambda.Function(this, 'Function', {
      code: bundledCode(props.entry),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: PRODUCT,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Lambda's active tracing is always on; subsegments per SDK call only with -c traceSdkCalls=true.
        TC_TRACE_SDK_CALLS: String(readConfig(this).traceSdkCalls),
        ...props.environment,
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions (Service Authorization Reference for AWS X-Ray); the role holds no other wildcard.',
    });
  }
}
