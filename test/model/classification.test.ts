import { describe, expect, it } from 'vitest'
import { compileClassifier, parseClassification } from '../../src/model/index.js'

describe('classification', () => {
  it('reads the default tag keys case-insensitively', () => {
    const classify = compileClassifier()
    expect(classify('arn:aws:s3:::a', { DataClassification: 'Restricted' })).toBe('restricted')
    expect(classify('arn:aws:s3:::a', { 'data-classification': 'public' })).toBe('public')
    expect(classify('arn:aws:s3:::a', { classification: 'confidential' })).toBe('confidential')
  })

  it('reads the tag keys in their configured order, and the last spelling of a key when a resource has several', () => {
    const classify = compileClassifier()
    // DataClassification comes before Classification in the default keys, whatever the tag order.
    expect(classify('arn:aws:s3:::a', { Classification: 'public', DataClassification: 'restricted' })).toBe('restricted')
    // A key the first tag key does not classify falls through to the next one.
    expect(classify('arn:aws:s3:::a', { DataClassification: 'banana', classification: 'confidential' })).toBe('confidential')
    expect(classify('arn:aws:s3:::a', { dataclassification: 'public', DATACLASSIFICATION: 'restricted' })).toBe('restricted')
  })

  it('maps synonyms onto the four tiers', () => {
    expect(parseClassification('Secret')).toBe('restricted')
    expect(parseClassification(' PII ')).toBe('restricted')
    expect(parseClassification('sensitive')).toBe('confidential')
    expect(parseClassification('private')).toBe('internal')
    expect(parseClassification('whatever')).toBeNull()
  })

  it('defaults to internal for unknown or missing tags', () => {
    const classify = compileClassifier()
    expect(classify('arn:aws:s3:::a', {})).toBe('internal')
    expect(classify('arn:aws:s3:::a', { DataClassification: 'banana' })).toBe('internal')
    expect(classify('arn:aws:s3:::a', { Owner: 'restricted' })).toBe('internal')
  })

  it('lets glob rules win over tags, matching case-insensitively across `/` and `:`', () => {
    const classify = compileClassifier({
      tagKeys: ['DataClassification'],
      rules: [
        { match: 'arn:aws:s3:::ml-models-*', classification: 'restricted' },
        { match: '/subscriptions/*/resourcegroups/prod-*/**', classification: 'confidential' },
      ],
    })
    expect(classify('arn:aws:s3:::ml-models-prod', { DataClassification: 'public' })).toBe('restricted')
    expect(classify('ARN:AWS:S3:::ML-MODELS-X', {})).toBe('restricted')
    expect(classify('/subscriptions/abc/resourcegroups/prod-web/providers/microsoft.web/sites/x', {})).toBe('confidential')
    expect(classify('arn:aws:s3:::other', { DataClassification: 'public' })).toBe('public')
  })
})
