import type { CourtStage, Goal, Situation } from './hooks';

/**
 * Words for the questionnaire's answers. Typed by the generated schema, so an answer the API adds
 * is a type error here until it has a label; the order here is the order on the page.
 */
export const SITUATION_LABELS: Record<Situation, string> = {
  'high-conflict': 'We are in high conflict',
  'communication-breakdown': 'We can hardly communicate',
  'schedule-disagreement': 'We disagree about the schedule',
  'order-not-followed': 'An order or agreement is not being followed',
  relocation: 'One of us wants to move away with the children',
  'child-wellbeing-worries': 'I am worried about my child’s wellbeing',
  'child-wants-to-be-heard': 'My child wants to be heard',
  'safety-concerns': 'I have safety concerns for me or my child',
  'afraid-of-other-parent': 'I am afraid of the other parent',
  'controlling-behaviour': 'The other parent controls, watches or threatens me',
  'substance-use-concerns': 'I am worried about alcohol or drug use',
};

export const COURT_STAGE_LABELS: Record<CourtStage, string> = {
  none: 'No court case',
  considering: 'Thinking about going to court',
  pending: 'A case is open now',
  'order-in-place': 'There is already a court order',
};

export const GOAL_LABELS: Record<Goal, string> = {
  'agree-a-plan': 'Agree a parenting plan together',
  'reduce-conflict': 'Have less conflict',
  'enforce-an-order': 'Have an order followed',
  'change-an-order': 'Change an order',
  'assess-child-needs': 'Have my child’s needs assessed',
  'legal-advice': 'Get legal advice',
  'emotional-support': 'Get emotional support',
  'stay-safe': 'Stay safe',
};

export const SITUATIONS = Object.keys(SITUATION_LABELS) as Situation[];
export const COURT_STAGES = Object.keys(COURT_STAGE_LABELS) as CourtStage[];
export const GOALS = Object.keys(GOAL_LABELS) as Goal[];
