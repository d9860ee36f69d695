import { escapeHtml } from './mailer.js';

/**
 * Every email Holdfast sends, in one registry: its consent category and a renderer from typed
 * data to a subject, a plain-text body and a simple accessible HTML body (one column, real
 * headings and links, no images, high contrast). Text and HTML come from the same blocks, so
 * they always say the same thing.
 */

/** Optional kinds of mail; each is sent only to people who opted in to it (off by default). */
export const OPTIONAL_MAIL_KINDS = [
  'onboardingTips',
  'weeklyResources',
  'productUpdates',
  'ceReminders',
] as const;
export type OptionalMailKind = (typeof OPTIONAL_MAIL_KINDS)[number];

export const OPTIONAL_MAIL_LABELS: Record<OptionalMailKind, { label: string; description: string }> = {
  onboardingTips: {
    label: 'Getting-started tips',
    description: 'A few short emails on making the most of Holdfast in your first weeks.',
  },
  weeklyResources: {
    label: 'Weekly resources',
    description: 'A weekly pick of guides, templates and checklists from the library.',
  },
  productUpdates: {
    label: 'Product updates',
    description: 'Occasional news about new features.',
  },
  ceReminders: {
    label: 'CE renewal reminders',
    description:
      'An email 90, 30 and 7 days before a license’s renewal cycle ends while CE hours are still missing.',
  },
};

export function isOptionalMailKind(value: unknown): value is OptionalMailKind {
  return typeof value === 'string' && (OPTIONAL_MAIL_KINDS as readonly string[]).includes(value);
}

/** Transactional mail always goes (unless the address is suppressed); optional mail needs consent (P-MAIL-1). */
export type MailCategory = 'transactional' | OptionalMailKind;

/** The data each template needs, by template name. */
export type TemplateDataMap = {
  signInLink: { link: string; validMinutes: number };
  invite: {
    inviterLabel: string;
    workspaceName: string;
    role: string;
    code: string;
    acceptUrl: string;
    validDays: number;
  };
  receipt: { planName: string; amount: string; paidAt: string; invoiceUrl?: string };
  trialEnding: { planName: string; trialEndsAt: string; manageUrl: string };
  paymentFailed: { planName: string; amountDue: string; updatePaymentUrl: string; readOnlyFrom?: string };
  securityAlert: { event: string; at: string; reviewUrl: string };
  /** A transactional notice composed by its module (billing, policy changes, deletion): paragraphs and an optional link. */
  serviceNotice: {
    subject: string;
    heading: string;
    paragraphs: string[];
    link?: { label: string; url: string };
  };
  exportReady: { downloadUrl: string; expiresAt: string };
  deletionScheduled: { purgeAt: string; restoreUrl: string };
  deletionFinal: { deletedAt: string };
  onboardingTips: { tips: { title: string; body: string }[] };
  weeklyResources: { resources: { title: string; url: string }[] };
  productUpdates: { headline: string; body: string; url?: string };
  ceReminders: {
    license: string;
    endsOn: string;
    daysLeft: number;
    missing: { title: string; body?: string }[];
    progressUrl: string;
  };
};

export type TemplateName = keyof TemplateDataMap;

/** Links the renderer adds around a message: where to manage preferences and, for optional mail, unsubscribe. */
export type RenderContext = { preferencesUrl: string; unsubscribeUrl?: string };

export type RenderedMail = { subject: string; text: string; html: string };

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'action'; label: string; url: string }
  | { kind: 'code'; label: string; value: string }
  | { kind: 'list'; items: { title: string; body?: string; url?: string }[] };

type Message = { subject: string; heading: string; blocks: Block[] };

type TemplateSpec<D> = { category: MailCategory; build: (data: D) => Message };

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })
    .format(date)
    .concat(' UTC');
}

const p = (text: string): Block => ({ kind: 'p', text });
const action = (label: string, url: string): Block => ({ kind: 'action', label, url });

/** The registry: one entry per message the product sends. */
export const MAIL_TEMPLATES: { [K in TemplateName]: TemplateSpec<TemplateDataMap[K]> } = {
  signInLink: {
    category: 'transactional',
    build: (d) => ({
      subject: 'Your Holdfast sign-in link',
      heading: 'Sign in to Holdfast',
      blocks: [
        p(`Sign in to Holdfast with this link (valid for ${d.validMinutes} minutes, once):`),
        action('Sign in to Holdfast', d.link),
        p('If you did not ask for it, ignore this email.'),
      ],
    }),
  },
  invite: {
    category: 'transactional',
    build: (d) => ({
      subject: `You are invited to ${d.workspaceName} on Holdfast`,
      heading: `Join ${d.workspaceName}`,
      blocks: [
        p(`${d.inviterLabel} invited you to the workspace "${d.workspaceName}" as ${d.role}.`),
        { kind: 'code', label: 'Your invite code', value: d.code },
        action('Accept the invite', d.acceptUrl),
        p(`The invite expires in ${d.validDays} days.`),
      ],
    }),
  },
  receipt: {
    category: 'transactional',
    build: (d) => ({
      subject: `Receipt for your Holdfast ${d.planName} plan`,
      heading: 'Thank you for your payment',
      blocks: [
        p(`We received ${d.amount} for the ${d.planName} plan on ${formatDate(d.paidAt)}.`),
        ...(d.invoiceUrl === undefined ? [] : [action('View the invoice', d.invoiceUrl)]),
      ],
    }),
  },
  trialEnding: {
    category: 'transactional',
    build: (d) => ({
      subject: `Your Holdfast ${d.planName} trial ends soon`,
      heading: 'Your trial ends soon',
      blocks: [
        p(`Your ${d.planName} trial ends on ${formatDate(d.trialEndsAt)}.`),
        p('Nothing is deleted when a trial ends; choose a plan to keep every feature.'),
        action('Manage your plan', d.manageUrl),
      ],
    }),
  },
  paymentFailed: {
    category: 'transactional',
    build: (d) => ({
      subject: 'Your Holdfast payment did not go through',
      heading: 'Payment failed',
      blocks: [
        p(`We could not collect ${d.amountDue} for the ${d.planName} plan.`),
        ...(d.readOnlyFrom === undefined
          ? []
          : [p(`Update your payment method before ${formatDate(d.readOnlyFrom)} to keep editing.`)]),
        action('Update your payment method', d.updatePaymentUrl),
      ],
    }),
  },
  securityAlert: {
    category: 'transactional',
    build: (d) => ({
      subject: 'Security notice for your Holdfast account',
      heading: 'Security notice',
      blocks: [
        p(`${d.event} (${formatDate(d.at)}).`),
        p('If this was you, there is nothing to do. If not, review your account and sign out everywhere.'),
        action('Review your account', d.reviewUrl),
      ],
    }),
  },
  serviceNotice: {
    category: 'transactional',
    build: (d) => ({
      subject: d.subject,
      heading: d.heading,
      blocks: [...d.paragraphs.map(p), ...(d.link === undefined ? [] : [action(d.link.label, d.link.url)])],
    }),
  },
  exportReady: {
    category: 'transactional',
    build: (d) => ({
      subject: 'Your Holdfast export is ready',
      heading: 'Your export is ready',
      blocks: [
        p(`Your data export can be downloaded until ${formatDate(d.expiresAt)}.`),
        action('Download your export', d.downloadUrl),
      ],
    }),
  },
  deletionScheduled: {
    category: 'transactional',
    build: (d) => ({
      subject: 'Your Holdfast account will be deleted',
      heading: 'Account deletion scheduled',
      blocks: [
        p(`Your account is hidden now and will be deleted for good on ${formatDate(d.purgeAt)}.`),
        p('Signing in before then restores it.'),
        action('Restore my account', d.restoreUrl),
      ],
    }),
  },
  deletionFinal: {
    category: 'transactional',
    build: (d) => ({
      subject: 'Your Holdfast account has been deleted',
      heading: 'Account deleted',
      blocks: [
        p(`Your account and its records were deleted on ${formatDate(d.deletedAt)}.`),
        p('This is the last email we send to this address about the account.'),
      ],
    }),
  },
  onboardingTips: {
    category: 'onboardingTips',
    build: (d) => ({
      subject: 'Getting started with Holdfast',
      heading: 'Tips for your first weeks',
      blocks: [{ kind: 'list', items: d.tips }],
    }),
  },
  weeklyResources: {
    category: 'weeklyResources',
    build: (d) => ({
      subject: 'This week in the Holdfast library',
      heading: 'Resources for this week',
      blocks: [{ kind: 'list', items: d.resources }],
    }),
  },
  productUpdates: {
    category: 'productUpdates',
    build: (d) => ({
      subject: `Holdfast: ${d.headline}`,
      heading: d.headline,
      blocks: [p(d.body), ...(d.url === undefined ? [] : [action('Read more', d.url)])],
    }),
  },
  ceReminders: {
    category: 'ceReminders',
    build: (d) => ({
      subject: `${d.license}: ${d.daysLeft} days left to complete your CE`,
      heading: `${d.license} renews on ${d.endsOn}`,
      blocks: [
        p(`Your renewal cycle ends in ${d.daysLeft} days. These requirements are not met yet:`),
        { kind: 'list', items: d.missing },
        p('The licensing board’s current rule is what counts; check it before you renew.'),
        action('See your progress', d.progressUrl),
      ],
    }),
  },
};

/** The consent category of a template. */
export function getTemplateCategory(name: TemplateName): MailCategory {
  return MAIL_TEMPLATES[name].category;
}

function blockToText(block: Block): string {
  switch (block.kind) {
    case 'p':
      return block.text;
    case 'action':
      return `${block.label}: ${block.url}`;
    case 'code':
      return `${block.label}: ${block.value}`;
    case 'list':
      return block.items
        .map((item) => [`- ${item.title}`, item.body, item.url].filter((s) => s !== undefined).join('\n  '))
        .join('\n');
  }
}

const LINK_STYLE = 'color:#0b4f8a;text-decoration:underline;';

function blockToHtml(block: Block): string {
  switch (block.kind) {
    case 'p':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'action':
      return `<p><a href="${escapeHtml(block.url)}" style="${LINK_STYLE}font-weight:bold;">${escapeHtml(block.label)}</a></p>`;
    case 'code':
      return `<p>${escapeHtml(block.label)}: <strong style="font-family:monospace;font-size:1.2em;">${escapeHtml(block.value)}</strong></p>`;
    case 'list':
      return `<ul>${block.items
        .map((item) => {
          const title =
            item.url === undefined
              ? `<strong>${escapeHtml(item.title)}</strong>`
              : `<a href="${escapeHtml(item.url)}" style="${LINK_STYLE}">${escapeHtml(item.title)}</a>`;
          return `<li>${title}${item.body === undefined ? '' : `<br>${escapeHtml(item.body)}`}</li>`;
        })
        .join('')}</ul>`;
  }
}

function footerBlocks(category: MailCategory, context: RenderContext): Block[] {
  if (category === 'transactional') {
    return [
      p('This is a service email about your Holdfast account. It is sent whatever your email preferences.'),
    ];
  }
  const { label } = OPTIONAL_MAIL_LABELS[category];
  return [
    p(`You get this email because you chose to receive "${label}".`),
    ...(context.unsubscribeUrl === undefined
      ? []
      : [action(`Unsubscribe from ${label}`, context.unsubscribeUrl)]),
    action('Manage email preferences', context.preferencesUrl),
  ];
}

/** Renders a template with its data into the subject, text and HTML of one email. */
export function renderTemplate<K extends TemplateName>(
  name: K,
  data: TemplateDataMap[K],
  context: RenderContext,
): RenderedMail {
  const spec = MAIL_TEMPLATES[name];
  const message = spec.build(data);
  const footer = footerBlocks(spec.category, context);
  const text = [message.heading, '', ...message.blocks.map(blockToText), '', '--', ...footer.map(blockToText)]
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n');
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(message.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;">',
    '<div role="article" aria-roledescription="email" lang="en" style="max-width:600px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    `<h1 style="font-size:22px;margin:0 0 16px;">${escapeHtml(message.heading)}</h1>`,
    ...message.blocks.map(blockToHtml),
    '<hr style="border:none;border-top:1px solid #cccccc;margin:24px 0;">',
    `<footer style="font-size:14px;color:#4a4a4a;">${footer.map(blockToHtml).join('')}</footer>`,
    '</div></body></html>',
  ].join('');
  return { subject: message.subject, text, html };
}
