import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadAwsFiles } from '../../../loaders/aws/index.js'

const fixture = (p: string): string => fileURLToPath(new URL(`../../fixtures/aws/${p}`, import.meta.url))
const basic = fixture('basic/auth-details.cli.json')

describe('malformed inputs each give a clear error naming file, path and expectation', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cp-aws-malformed-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('truncated JSON', async () => {
    const file = fixture('malformed/truncated.json')
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_JSON', message: expect.stringContaining(`\`${file}\` is not valid JSON`) })
  })

  it('wrong type', async () => {
    const file = fixture('malformed/wrong-type.json')
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: `\`${file}\` at \`$.RoleDetailList[1].Path\`: expected a string, got number \`42\``,
    })
  })

  it('a policy document that is not JSON', async () => {
    const file = fixture('malformed/bad-policy.json')
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: expect.stringContaining(`\`${file}\` at \`$.RoleDetailList[2].AssumeRolePolicyDocument\`: expected a policy document`),
    })
  })

  it('a resource policy string that is neither JSON nor URL-encoded JSON', async () => {
    const file = fixture('malformed/bad-resource-policy.json')
    await expect(loadAwsFiles({ authDetails: [basic], resources: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: expect.stringContaining('at `$.resources[0].policy`: expected a policy document'),
    })
  })

  it('a missing required Arn', async () => {
    const file = fixture('malformed/missing-arn.json')
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: `\`${file}\` at \`$.RoleDetailList[2].Arn\`: expected an IAM ARN (\`arn:aws:iam::<12-digit account>:...\`) (required, missing)`,
    })
  })

  it('an ARN without an account', async () => {
    const file = join(dir, 'bad-arn.json')
    await writeFile(file, JSON.stringify({ UserDetailList: [{ Path: '/', UserName: 'x', Arn: 'arn:aws:iam:::user/x' }] }))
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: `\`${file}\` at \`$.UserDetailList[0].Arn\`: expected an IAM ARN (\`arn:aws:iam::<12-digit account>:...\`), got \`arn:aws:iam:::user/x\``,
    })
  })

  it('a JSON document that is not authorization details', async () => {
    const file = join(dir, 'other.json')
    await writeFile(file, JSON.stringify({ Buckets: [] }))
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_SHAPE', message: expect.stringContaining('expected authorization details') })
  })

  it('a credential report with a missing column', async () => {
    const file = join(dir, 'report.csv')
    await writeFile(file, 'user,arn,password_enabled\nalice,arn:aws:iam::111111111111:user/alice,true\n')
    await expect(loadAwsFiles({ authDetails: [basic], credentialReport: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: `\`${file}\` at \`line 1\`: expected a credential report header with column \`password_last_used\``,
    })
  })

  it('a resource without its required arn', async () => {
    const file = join(dir, 'res.json')
    await writeFile(file, JSON.stringify({ resources: [{ arn: 'arn:aws:sqs:us-east-1:111111111111:q', type: 'sqs:queue' }, { type: 'kms:key' }] }))
    await expect(loadAwsFiles({ authDetails: [basic], resources: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: `\`${file}\` at \`$.resources[1].arn\`: expected an ARN (\`arn:aws:<service>:<region>:<account>:<resource>\`) (required, missing)`,
    })
  })

  it('an org file without the organisation id', async () => {
    const file = join(dir, 'org.json')
    await writeFile(file, JSON.stringify({ Organization: {}, Roots: [{ Id: 'r-aaaa' }], Accounts: [] }))
    await expect(loadAwsFiles({ authDetails: [basic], org: file })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: `\`${file}\` at \`$.Organization.Id\`: expected an organization id (\`o-...\`) (required, missing)`,
    })
  })

  it('an access-keys file with a secret-looking key id', async () => {
    const file = join(dir, 'keys.json')
    await writeFile(file, JSON.stringify({ AccessKeyMetadata: [{ UserName: 'alice', AccessKeyId: 'not-a-key', Status: 'Active' }] }))
    await expect(loadAwsFiles({ authDetails: [basic], accessKeys: [file] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_SHAPE', message: expect.stringContaining('AccessKeyMetadata[0].AccessKeyId') })
  })

  it('a credential report with a bad boolean', async () => {
    const file = join(dir, 'report2.csv')
    const header = 'user,arn,password_enabled,password_last_used,password_last_changed,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service'
    await writeFile(file, `${header}\nalice,arn:aws:iam::111111111111:user/alice,yes,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A\n`)
    await expect(loadAwsFiles({ authDetails: [basic], credentialReport: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_SHAPE',
      message: `\`${file}\` at \`line 2, column password_enabled\`: expected \`true\` or \`false\``,
    })
  })

  it('50 MB of garbage fails fast with a clear error', async () => {
    const file = join(dir, 'garbage.json')
    const chunk = Buffer.alloc(1024 * 1024)
    for (let i = 0; i < chunk.length; i++) chunk[i] = 0x41 + (i % 26)
    await writeFile(file, Buffer.concat(Array.from({ length: 50 }, () => chunk)))
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({
      code: 'CP_ERR_INPUT_JSON',
      message: `\`${file}\` is not valid JSON: unexpected character \`A\` at offset 0: expected \`{\` or \`[\``,
    })
  })

  it('binary garbage is refused as binary', async () => {
    const file = join(dir, 'binary.json')
    await writeFile(file, Buffer.from([0x7b, 0x00, 0x01, 0x02]))
    await expect(loadAwsFiles({ authDetails: [file] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_JSON', message: expect.stringContaining('binary content') })
  })

  it('a file over the size limit', async () => {
    await expect(loadAwsFiles({ authDetails: [basic], maxBytes: 1024 })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_TOO_LARGE', message: `\`${basic}\` is larger than the 1 KB limit` })
  })

  it('a missing file', async () => {
    await expect(loadAwsFiles({ authDetails: [join(dir, 'nope.json')] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_READ' })
  })

  it('all or nothing: one bad file among good ones fails the whole load', async () => {
    await expect(loadAwsFiles({ authDetails: [basic, fixture('paginated/page-1.json'), fixture('malformed/truncated.json')] })).rejects.toMatchObject({ code: 'CP_ERR_INPUT_JSON' })
  })
})
