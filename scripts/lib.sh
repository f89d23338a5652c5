#!/usr/bin/env bash
# Small helpers the test and bench scripts share. Sourced, not run.

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Points the AWS_* variables at an S3-compatible server on loopback (test credentials) and creates a bucket.
#   use_test_s3 ENDPOINT BUCKET
use_test_s3() {
  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
  export AWS_ENDPOINT_URL=$1
  python3 -c 'import boto3, sys; boto3.client("s3", endpoint_url=sys.argv[1]).create_bucket(Bucket=sys.argv[2])' "$1" "$2"
}
