import type {
  FooterCommentSchema,
  PageDescendantsSchema,
  PageFooterCommentsSchema,
  PageSchema,
  PagesSchema,
  PermittedOperationsSchema,
} from 'confluence.js/v2' with {
  'resolution-mode': 'import',
};

/**
 * The published Confluence REST v2 response schemas (zod, from the maintained `confluence.js`
 * package) instead of hand-written ones. The package is ES modules only, so it is loaded with
 * import() once; Forge's bundler keeps it in the main bundle (eager).
 */
export interface ConfluenceSchemas {
  PageDescendantsSchema: typeof PageDescendantsSchema;
  PagesSchema: typeof PagesSchema;
  PermittedOperationsSchema: typeof PermittedOperationsSchema;
  PageSchema: typeof PageSchema;
  FooterCommentSchema: typeof FooterCommentSchema;
  PageFooterCommentsSchema: typeof PageFooterCommentsSchema;
}

let loaded: Promise<ConfluenceSchemas> | undefined;

export function confluenceSchemas(): Promise<ConfluenceSchemas> {
  loaded ??= import(/* webpackMode: "eager" */ 'confluence.js/v2').then((module) => ({
    PageDescendantsSchema: module.PageDescendantsSchema,
    PagesSchema: module.PagesSchema,
    PermittedOperationsSchema: module.PermittedOperationsSchema,
    PageSchema: module.PageSchema,
    FooterCommentSchema: module.FooterCommentSchema,
    PageFooterCommentsSchema: module.PageFooterCommentsSchema,
  }));
  return loaded;
}
