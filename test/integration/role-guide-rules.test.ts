// The role guide's rules on hand-made answer sets, without the HTTP layer: which professionals
// come first and why, the safety flag with its caution on mediation, and the reviewed content
// itself (every professional described, every library link real).
import { describe, expect, it } from '@jest/globals';
import { findShippedItem } from '@holdfast/api/modules/library/content';
import { GUIDE_CONTENT_V1 } from '@holdfast/api/modules/role-guide/guide-content-v1';
import { computeGuide } from '@holdfast/api/modules/role-guide/rules';
import { GUIDE_PROFESSIONS, type RoleGuideAnswers } from '@holdfast/api/modules/role-guide/schema';

const guideFor = (answers: RoleGuideAnswers) => computeGuide(GUIDE_CONTENT_V1, answers);
const professionsOf = (answers: RoleGuideAnswers) =>
  guideFor(answers).recommendations.map((r) => `${r.profession}:${r.priority}`);

describe('role guide rules', () => {
  it('puts a mediator first for parents who want to agree a schedule, with reasons tied to the answers', () => {
    const guide = guideFor({
      situations: ['schedule-disagreement', 'communication-breakdown'],
      courtCase: 'none',
      goals: ['agree-a-plan'],
    });
    expect(guide.recommendations.map((r) => r.profession)).toEqual(['mediator']);
    const [mediator] = guide.recommendations;
    expect(mediator?.priority).toBe('first');
    expect(mediator?.why).toEqual([
      expect.stringMatching(/^You want to agree a plan/),
      expect.stringMatching(/^You disagree on the schedule/),
      expect.stringMatching(/^Communication has broken down/),
    ]);
    expect(mediator?.caution).toBeUndefined();
    expect(guide.safety).toMatchObject({ isFlagged: false, reasons: [] });
    expect(guide.safety.mediationCaution).toBeUndefined();
  });

  it('orders by the weight of the reasons (ties in the guide’s order): enforcing an order puts a coordinator and an attorney first', () => {
    expect(
      professionsOf({
        situations: ['order-not-followed', 'high-conflict'],
        courtCase: 'order-in-place',
        goals: ['enforce-an-order'],
      }),
    ).toEqual(['parenting-coordinator:first', 'family-attorney:first', 'therapist:consider']);
  });

  it('suggests a guardian ad litem and a custody evaluator in a pending case about the child', () => {
    expect(
      professionsOf({
        situations: ['child-wants-to-be-heard', 'child-wellbeing-worries'],
        courtCase: 'pending',
        goals: ['assess-child-needs'],
      }),
    ).toEqual([
      'guardian-ad-litem:first',
      'custody-evaluator:first',
      'family-attorney:consider',
      'therapist:consider',
    ]);
  });

  it('falls back to a first consultation with an attorney when no rule matches, so the guide is never empty', () => {
    const bare = guideFor({ situations: [], courtCase: 'none', goals: ['stay-safe'] });
    expect(bare.recommendations.map((r) => r.profession)).toEqual(['domestic-violence-advocate']);
    const none = computeGuide(
      { ...GUIDE_CONTENT_V1, rules: [] },
      { situations: [], courtCase: 'none', goals: ['legal-advice'] },
    );
    expect(none.recommendations).toEqual([
      expect.objectContaining({ profession: 'family-attorney', why: [GUIDE_CONTENT_V1.fallback.why] }),
    ]);
  });

  it('flags intimate-partner violence: the hotline and 911, an advocate first, and mediation cautioned, never first', () => {
    const guide = guideFor({
      situations: ['afraid-of-other-parent', 'controlling-behaviour', 'schedule-disagreement'],
      courtCase: 'considering',
      goals: ['agree-a-plan'],
    });
    expect(guide.safety).toEqual({
      isFlagged: true,
      reasons: ['You said you are afraid of the other parent.', 'You described controlling behaviour.'],
      mediationCaution: expect.stringMatching(/Mediation may not be safe/),
      emergency: 'If you are in danger now, call 911.',
      hotline: {
        name: 'National Domestic Violence Hotline',
        phone: '1-800-799-7233',
        text: 'Text START to 88788',
        website: 'https://www.thehotline.org',
      },
    });
    expect(guide.recommendations[0]?.profession).toBe('domestic-violence-advocate');
    const mediator = guide.recommendations.find((r) => r.profession === 'mediator');
    // The answers alone would put mediation first (agree a plan, schedule); the safety flag does not.
    expect(mediator).toMatchObject({ priority: 'consider', caution: guide.safety.mediationCaution });
  });

  it('each safety answer alone raises the flag, and no other answer does', () => {
    for (const situation of ['safety-concerns', 'afraid-of-other-parent', 'controlling-behaviour'] as const)
      expect(
        guideFor({ situations: [situation], courtCase: 'none', goals: ['legal-advice'] }).safety.isFlagged,
      ).toBe(true);
    expect(guideFor({ situations: [], courtCase: 'none', goals: ['stay-safe'] }).safety.isFlagged).toBe(true);
    const everythingElse = guideFor({
      situations: ['high-conflict', 'communication-breakdown', 'relocation', 'substance-use-concerns'],
      courtCase: 'pending',
      goals: ['agree-a-plan', 'legal-advice', 'emotional-support'],
    });
    expect(everythingElse.safety.isFlagged).toBe(false);
    expect(everythingElse.recommendations.every((r) => r.caution === undefined)).toBe(true);
  });

  it('always says it is information, not legal advice, that rules vary by state, and that nothing is saved', () => {
    const guide = guideFor({ situations: [], courtCase: 'none', goals: ['legal-advice'] });
    expect(guide).toMatchObject({ guideVersion: 'role-guide-v1', isSaved: false });
    expect(guide.notAdvice).toMatch(/not legal advice/);
    expect(guide.stateRulesNote).toMatch(/Rules vary by state/);
  });

  it('is deterministic: the same answers give the same guide', () => {
    const answers: RoleGuideAnswers = {
      situations: ['high-conflict', 'safety-concerns', 'relocation'],
      courtCase: 'pending',
      goals: ['change-an-order', 'emotional-support'],
    };
    expect(guideFor(answers)).toEqual(guideFor({ ...answers }));
  });
});

describe('role guide content v1', () => {
  it('describes every professional with what they do, a typical US cost, and how to find one', () => {
    expect(Object.keys(GUIDE_CONTENT_V1.professions).sort()).toEqual([...GUIDE_PROFESSIONS].sort());
    for (const text of Object.values(GUIDE_CONTENT_V1.professions)) {
      expect(text.whatTheyDo.length).toBeGreaterThan(80);
      expect(text.typicalCost.range).toMatch(/Typically|Usually/);
      expect(text.howToFind.length).toBeGreaterThan(40);
    }
  });

  it('links only to library items Holdfast ships, and every professional can be reached by some rule', () => {
    for (const text of Object.values(GUIDE_CONTENT_V1.professions))
      if (text.libraryItemId !== undefined)
        expect(findShippedItem(text.libraryItemId)?.id).toBe(text.libraryItemId);
    const reachable = new Set(GUIDE_CONTENT_V1.rules.map((rule) => rule.profession));
    expect([...reachable].sort()).toEqual([...GUIDE_PROFESSIONS].sort());
  });
});
