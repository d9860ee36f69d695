import type { CourtStage, Goal, GuideProfession, Situation } from './schema.js';

/**
 * The role guide's reviewed content, version 1: what each professional does, typical US costs, how
 * to find one, and the rules that tie answers to professionals. Written for Holdfast and reviewed
 * as a whole: a change is a new version (a new file), so a guide someone saw can be traced to the
 * exact texts and rules that made it. General information, not legal advice; costs are typical
 * ranges and vary by place and person.
 */

export type ProfessionText = {
  title: string;
  whatTheyDo: string;
  typicalCost: { range: string; note: string };
  howToFind: string;
  libraryItemId?: string;
};

/** One reason to consider a professional: the answer that triggers it, its weight and the words shown. */
export type GuideRule = {
  profession: GuideProfession;
  on: { situation: Situation } | { goal: Goal } | { courtCase: CourtStage };
  /** 1: worth a conversation; a professional whose reasons add up to 3 or more comes first. */
  weight: 1 | 2 | 3;
  why: string;
};

/** The answers that suggest intimate-partner violence, each with the reason shown. */
export type SafetyTrigger = { on: { situation: Situation } | { goal: Goal }; reason: string };

export type GuideContent = {
  version: string;
  reviewedOn: string;
  notAdvice: string;
  stateRulesNote: string;
  professions: Record<GuideProfession, ProfessionText>;
  rules: readonly GuideRule[];
  /** Suggested when no rule matches, so the guide never comes back empty. */
  fallback: { profession: GuideProfession; why: string };
  safety: {
    triggers: readonly SafetyTrigger[];
    mediationCaution: string;
    emergency: string;
    hotline: { name: string; phone: string; text: string; website: string };
  };
};

export const GUIDE_CONTENT_V1: GuideContent = {
  version: 'role-guide-v1',
  reviewedOn: '2026-12-06',
  notAdvice:
    'This is general information to help you decide whom to talk to, not legal advice. A family law attorney licensed in your state can advise you on your own situation.',
  stateRulesNote:
    'Rules vary by state and often by county: which professionals a court appoints, what they are called, who pays them and what they may tell the judge. Ask the court clerk or a local family law attorney how it works where your case is.',
  professions: {
    mediator: {
      title: 'Mediator',
      whatTheyDo:
        'A neutral person who helps both parents talk through a parenting plan or a disagreement and write down what you agree. A mediator does not decide for you and does not represent either of you; many courts ask parents to try mediation before a hearing.',
      typicalCost: {
        range: 'Typically $100–$500 an hour, often split between the parents',
        note: 'Many courts run free or sliding-scale mediation programmes; private mediators vary widely by area.',
      },
      howToFind:
        'Ask the family court for its mediation programme, or look for a family mediator through your state’s mediation association or court roster.',
      libraryItemId: 'what-to-expect-from-mediation',
    },
    'parenting-coordinator': {
      title: 'Parenting coordinator',
      whatTheyDo:
        'A professional (often a therapist or lawyer) who helps high-conflict parents put an existing parenting plan into practice: day-to-day disputes, schedules, handovers. Depending on the state and the order, they may make small decisions when parents cannot agree.',
      typicalCost: {
        range: 'Typically $100–$350 an hour, often with a retainer, usually split between the parents',
        note: 'Usually appointed by the court or agreed in the order, which also says who pays.',
      },
      howToFind:
        'Ask your attorney or the court whether parenting coordination exists in your county; the court often keeps a list of approved coordinators.',
      libraryItemId: 'what-a-parenting-coordinator-does',
    },
    'guardian-ad-litem': {
      title: 'Guardian ad litem',
      whatTheyDo:
        'Someone the court appoints to look into what is best for the child: they talk with the child, both parents, teachers and others, and report or recommend to the judge. They speak for the child’s interests, not for either parent.',
      typicalCost: {
        range:
          'Typically $100–$350 an hour for an attorney guardian ad litem, often split between the parents',
        note: 'Some places use trained volunteers (such as CASA programmes) at no cost; the court decides who pays.',
      },
      howToFind:
        'A guardian ad litem is appointed by the judge, usually when a parent or attorney asks for one in a pending case. Ask your attorney or the court clerk how to request one.',
      libraryItemId: 'what-a-guardian-ad-litem-does',
    },
    'custody-evaluator': {
      title: 'Custody evaluator',
      whatTheyDo:
        'Usually a psychologist or licensed mental-health professional who carries out a formal evaluation for the court: interviews, observations, sometimes tests and records, and a written report with recommendations on custody and parenting time.',
      typicalCost: {
        range: 'Typically $3,000–$20,000 or more for a full evaluation',
        note: 'Shorter, focused assessments cost less; some courts offer lower-cost evaluation services. The court order says who pays.',
      },
      howToFind:
        'Ordered by the court in a pending case, on a parent’s request or the judge’s own. Your attorney can ask for one and suggest evaluators the court accepts.',
      libraryItemId: 'preparing-for-a-custody-evaluation',
    },
    'family-attorney': {
      title: 'Family law attorney',
      whatTheyDo:
        'Advises you on your rights and options under your state’s law, writes and files court papers, negotiates with the other side and represents you in court. The only one on this list who gives you legal advice.',
      typicalCost: {
        range: 'Typically $150–$500 or more an hour, often with a retainer of $2,500–$10,000',
        note: 'Limited-scope ("unbundled") help, free first consultations, legal aid and law school clinics cost less or nothing if you qualify.',
      },
      howToFind:
        'Your state or county bar association’s lawyer referral service, legal aid organisations, and the court’s self-help centre.',
      libraryItemId: 'working-with-a-family-attorney',
    },
    therapist: {
      title: 'Therapist or counselor',
      whatTheyDo:
        'A licensed mental-health professional who supports you or your child through the stress of separation and conflict. Child therapists help children cope; some offer co-parenting counselling. What is said in therapy is generally confidential.',
      typicalCost: {
        range: 'Typically $100–$250 a session',
        note: 'Health insurance often covers part; community clinics and employee assistance programmes may be free or sliding-scale.',
      },
      howToFind:
        'Your insurer’s directory, your child’s paediatrician or school counsellor, or a directory of licensed therapists filtered for children and family.',
    },
    'domestic-violence-advocate': {
      title: 'Domestic-violence advocate',
      whatTheyDo:
        'A trained advocate who helps you plan for safety, explains protective orders, and can go with you to court. They work for you, not for the court, and talk with you confidentially.',
      typicalCost: {
        range: 'Usually free',
        note: 'Local domestic-violence programmes and hotlines do not charge for advocacy.',
      },
      howToFind:
        'Call or text the National Domestic Violence Hotline, which connects you with a local programme, or ask the court for its victim advocate.',
      libraryItemId: 'safety-planning-basics',
    },
  },
  rules: [
    {
      profession: 'mediator',
      on: { goal: 'agree-a-plan' },
      weight: 3,
      why: 'You want to agree a plan: a mediator helps both parents reach and write down an agreement without a hearing.',
    },
    {
      profession: 'mediator',
      on: { situation: 'schedule-disagreement' },
      weight: 2,
      why: 'You disagree on the schedule: schedules are what mediation most often settles.',
    },
    {
      profession: 'mediator',
      on: { situation: 'communication-breakdown' },
      weight: 1,
      why: 'Communication has broken down: a neutral person can keep a conversation on track.',
    },
    {
      profession: 'mediator',
      on: { courtCase: 'considering' },
      weight: 1,
      why: 'You are considering court: mediation may settle things first, and many courts ask parents to try it.',
    },
    {
      profession: 'parenting-coordinator',
      on: { situation: 'high-conflict' },
      weight: 2,
      why: 'The conflict is high: a parenting coordinator is made for parents who keep returning to the same disputes.',
    },
    {
      profession: 'parenting-coordinator',
      on: { situation: 'order-not-followed' },
      weight: 1,
      why: 'The order is not being followed: a coordinator helps put an existing plan into practice day to day.',
    },
    {
      profession: 'parenting-coordinator',
      on: { courtCase: 'order-in-place' },
      weight: 1,
      why: 'There is already an order: coordinators work within one, usually appointed under it.',
    },
    {
      profession: 'parenting-coordinator',
      on: { goal: 'reduce-conflict' },
      weight: 1,
      why: 'You want less conflict: a coordinator settles small disputes before they grow.',
    },
    {
      profession: 'guardian-ad-litem',
      on: { situation: 'child-wellbeing-worries' },
      weight: 1,
      why: 'You are worried about your child’s wellbeing: a guardian ad litem looks into it for the court, from the child’s side.',
    },
    {
      profession: 'guardian-ad-litem',
      on: { situation: 'child-wants-to-be-heard' },
      weight: 2,
      why: 'Your child wants to be heard: a guardian ad litem brings the child’s interests to the judge.',
    },
    {
      profession: 'guardian-ad-litem',
      on: { courtCase: 'pending' },
      weight: 1,
      why: 'A case is pending: a guardian ad litem is appointed in a pending case.',
    },
    {
      profession: 'custody-evaluator',
      on: { goal: 'assess-child-needs' },
      weight: 2,
      why: 'You want the child’s needs assessed: a custody evaluation is the court’s formal assessment.',
    },
    {
      profession: 'custody-evaluator',
      on: { situation: 'relocation' },
      weight: 1,
      why: 'A move is at stake: relocation cases often lead to an evaluation.',
    },
    {
      profession: 'custody-evaluator',
      on: { situation: 'substance-use-concerns' },
      weight: 1,
      why: 'You have concerns about substance use: an evaluator can look into how it affects parenting.',
    },
    {
      profession: 'custody-evaluator',
      on: { courtCase: 'pending' },
      weight: 1,
      why: 'A case is pending: evaluations are ordered in a pending case.',
    },
    {
      profession: 'family-attorney',
      on: { goal: 'legal-advice' },
      weight: 3,
      why: 'You want legal advice: only an attorney licensed in your state can give it.',
    },
    {
      profession: 'family-attorney',
      on: { goal: 'enforce-an-order' },
      weight: 3,
      why: 'You want an order enforced: enforcement goes through the court, where an attorney can represent you.',
    },
    {
      profession: 'family-attorney',
      on: { goal: 'change-an-order' },
      weight: 3,
      why: 'You want an order changed: a modification is a court process with rules and deadlines.',
    },
    {
      profession: 'family-attorney',
      on: { courtCase: 'pending' },
      weight: 2,
      why: 'A case is pending: an attorney can explain what to expect and represent you.',
    },
    {
      profession: 'family-attorney',
      on: { situation: 'relocation' },
      weight: 2,
      why: 'A move is at stake: most states have specific notice and approval rules for relocating with a child.',
    },
    {
      profession: 'family-attorney',
      on: { situation: 'order-not-followed' },
      weight: 1,
      why: 'The order is not being followed: an attorney can tell you what enforcement would involve.',
    },
    {
      profession: 'family-attorney',
      on: { situation: 'safety-concerns' },
      weight: 1,
      why: 'You have safety concerns: an attorney can advise on protective orders and how they affect custody.',
    },
    {
      profession: 'therapist',
      on: { goal: 'emotional-support' },
      weight: 3,
      why: 'You want emotional support: a therapist supports you through the stress of conflict and court.',
    },
    {
      profession: 'therapist',
      on: { situation: 'child-wellbeing-worries' },
      weight: 2,
      why: 'You are worried about your child’s wellbeing: a child therapist helps children cope with conflict between parents.',
    },
    {
      profession: 'therapist',
      on: { situation: 'high-conflict' },
      weight: 1,
      why: 'The conflict is high: ongoing conflict weighs on parents and children alike.',
    },
    {
      profession: 'domestic-violence-advocate',
      on: { situation: 'safety-concerns' },
      weight: 3,
      why: 'You have safety concerns: an advocate helps you plan for safety, confidentially and for free.',
    },
    {
      profession: 'domestic-violence-advocate',
      on: { situation: 'afraid-of-other-parent' },
      weight: 3,
      why: 'You are afraid of the other parent: fear is reason enough to talk with an advocate.',
    },
    {
      profession: 'domestic-violence-advocate',
      on: { situation: 'controlling-behaviour' },
      weight: 3,
      why: 'You described controlling behaviour: coercive control is a form of abuse that advocates know well.',
    },
    {
      profession: 'domestic-violence-advocate',
      on: { goal: 'stay-safe' },
      weight: 3,
      why: 'You want to stay safe: an advocate can help you make a safety plan.',
    },
  ],
  fallback: {
    profession: 'family-attorney',
    why: 'A first consultation (often free or low-cost) is a good way to learn your options in your state.',
  },
  safety: {
    triggers: [
      { on: { situation: 'safety-concerns' }, reason: 'You said you have safety concerns.' },
      { on: { situation: 'afraid-of-other-parent' }, reason: 'You said you are afraid of the other parent.' },
      { on: { situation: 'controlling-behaviour' }, reason: 'You described controlling behaviour.' },
      { on: { goal: 'stay-safe' }, reason: 'You said you want to stay safe.' },
    ],
    mediationCaution:
      'Mediation may not be safe or fair where there is abuse, fear or control: sitting with the other parent can put you at risk or pressure you into agreeing. Many states let you skip court-ordered mediation or ask for separate sessions when there is domestic violence. Talk with an advocate or attorney before agreeing to mediation.',
    emergency: 'If you are in danger now, call 911.',
    hotline: {
      name: 'National Domestic Violence Hotline',
      phone: '1-800-799-7233',
      text: 'Text START to 88788',
      website: 'https://www.thehotline.org',
    },
  },
};
