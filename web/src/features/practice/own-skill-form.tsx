import { useRef, useState, type FormEvent } from 'react';
import { toFormErrors, type FormErrors } from '../../lib/api/problem';
import { SelectField, TextAreaField, TextField, focusFirstInvalid } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { OwnFormActions } from './own-form-actions';
import { useCreateSkill, useUpdateSkill, type OwnSkill, type SkillInput } from './own-skills-hooks';

const SKILL_FIELDS = ['area', 'title', 'summary'] as const;
type SkillField = (typeof SKILL_FIELDS)[number];

const AREAS: { value: SkillInput['area']; label: string }[] = [
  { value: 'clinician', label: 'Clinician practice' },
  { value: 'co-parenting', label: 'Co-parenting' },
];

/** What is missing, in words a person can act on, before anything is sent. */
function validateSkill(input: SkillInput): FormErrors<SkillField> {
  const fields: FormErrors<SkillField>['fields'] = {};
  if (input.title.trim() === '') fields.title = 'Give the skill a title.';
  if (input.summary.trim() === '') fields.summary = 'Say in a sentence what the skill is for.';
  return { fields };
}

type Props = {
  workspaceId: string;
  /** The skill to edit; without it the form adds a new one. */
  skill?: OwnSkill;
  onDone?: () => void;
};

/** Adds a skill of the workspace's own, or edits one (at the version read). */
export function OwnSkillForm({ workspaceId, skill, onDone }: Props) {
  const create = useCreateSkill(workspaceId);
  const update = useUpdateSkill(workspaceId);
  const empty: SkillInput = { area: 'clinician', title: '', summary: '' };
  const [input, setInput] = useState<SkillInput>(
    skill === undefined ? empty : { area: skill.area, title: skill.title, summary: skill.summary },
  );
  const [errors, setErrors] = useState<FormErrors<SkillField>>({ fields: {} });
  const formRef = useRef<HTMLFormElement>(null);
  const isSaving = create.isPending || update.isPending;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateSkill(input);
    try {
      if (Object.keys(found.fields).length > 0) {
        setErrors(found);
        return;
      }
      const body = { ...input, title: input.title.trim(), summary: input.summary.trim() };
      if (skill === undefined) {
        await create.mutateAsync(body);
        setInput(empty);
      } else {
        await update.mutateAsync({
          ownSkillId: skill.id,
          body: { ...body, isArchived: skill.isArchived, version: skill.version },
        });
      }
      setErrors({ fields: {} });
      onDone?.();
    } catch (error) {
      setErrors(toFormErrors(error, SKILL_FIELDS));
    } finally {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    }
  };

  return (
    <form ref={formRef} className="form own-skill-form" noValidate onSubmit={(e) => void onSubmit(e)}>
      <SelectField
        label="Area"
        value={input.area}
        error={errors.fields.area}
        onChange={(e) => setInput({ ...input, area: e.target.value as SkillInput['area'] })}
      >
        {AREAS.map((area) => (
          <option key={area.value} value={area.value}>
            {area.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Skill title"
        value={input.title}
        maxLength={120}
        error={errors.fields.title}
        data-testid={skill === undefined ? 'own-skill-title' : 'own-skill-edit-title'}
        onChange={(e) => setInput({ ...input, title: e.target.value })}
      />
      <TextAreaField
        label="What it is for"
        value={input.summary}
        maxLength={600}
        rows={2}
        error={errors.fields.summary}
        data-testid={skill === undefined ? 'own-skill-summary' : 'own-skill-edit-summary'}
        onChange={(e) => setInput({ ...input, summary: e.target.value })}
      />
      <FormAlert message={errors.form} />
      <OwnFormActions
        label={skill === undefined ? 'Add skill' : 'Save skill'}
        isSaving={isSaving}
        testId={skill === undefined ? 'own-skill-add' : 'own-skill-save'}
        onCancel={onDone}
      />
    </form>
  );
}
