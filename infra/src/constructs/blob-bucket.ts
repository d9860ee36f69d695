import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Props of {@link BlobBucket}. */
export type BlobBucketProps = {
  /** How long an overwritten or deleted object version is kept; 35 days when omitted. */
  noncurrentVersionExpiration?: Duration;
};

// Long enough to recover from a bad overwrite or a mistaken purge noticed within a month, short
// enough that a purged account's files are gone from every version within a bounded time.
const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(35);

/** The private bucket that holds vault documents, content-addressed by SHA-256. */
export class BlobBucket extends Construct {
  /** The bucket; grant access with its `grant*` methods. */
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: BlobBucketProps = {}) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration:
            props.noncurrentVersionExpiration ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION,
        },
        // A streamed upload that failed part-way leaves multipart parts that are not objects (the
        // API's orphan sweep cannot see them); S3 drops them after a day.
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
