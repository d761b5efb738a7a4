/**
 * @module loaders/leaks/schemas
 * TypeBox schemas of the scanner outputs crownpath reads (checked with
 * `assertShape` from src/model, which names the JSON path of a mismatch). Only the fields crownpath uses are declared; secret-bearing fields
 * (`Secret`, `Match`, `Raw`, `RawV2`) are read solely to find a key id.
 */
import { Type, type Static, type TSchema } from 'typebox'

/** One gitleaks finding (`gitleaks detect --report-format json`). */
export const GitleaksFindingInput = Type.Object({
  RuleID: Type.String({ minLength: 1 }),
  File: Type.String(),
  Description: Type.Optional(Type.String()),
  Commit: Type.Optional(Type.String()),
  StartLine: Type.Optional(Type.Number()),
  Date: Type.Optional(Type.String()),
  Match: Type.Optional(Type.String()),
  Secret: Type.Optional(Type.String()),
})

/** A gitleaks report: an array of findings. */
export const GitleaksReportInput = Type.Array(GitleaksFindingInput, { description: 'a gitleaks report (an array of findings)' })

const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]))

/** Where TruffleHog found it: git, GitHub, GitLab or filesystem sources. */
const SourceLocation = Type.Object({
  repository: Nullable(Type.String()),
  file: Nullable(Type.String()),
  commit: Nullable(Type.String()),
  line: Nullable(Type.Number()),
  timestamp: Nullable(Type.String()),
})

/** One TruffleHog finding (a line of `trufflehog ... --json`). */
export const TrufflehogFindingInput = Type.Object({
  DetectorName: Type.String({ minLength: 1 }),
  SourceMetadata: Type.Object({
    Data: Type.Object({
      Git: Type.Optional(SourceLocation),
      Github: Type.Optional(SourceLocation),
      Gitlab: Type.Optional(SourceLocation),
      Filesystem: Type.Optional(SourceLocation),
    }),
  }),
  Verified: Type.Optional(Type.Boolean()),
  Raw: Nullable(Type.String()),
  Redacted: Nullable(Type.String()),
  ExtraData: Nullable(Type.Record(Type.String(), Type.Unknown())),
})

/** A gitleaks finding. */
export type GitleaksFinding = Static<typeof GitleaksFindingInput>
/** A TruffleHog finding. */
export type TrufflehogFinding = Static<typeof TrufflehogFindingInput>
