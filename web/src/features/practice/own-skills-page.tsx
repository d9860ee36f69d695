import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { OwnExerciseForm } from './own-exercise-form';
import { EXERCISE_TYPE_LABELS, emptyDraft, toDraft } from './own-exercise-model';
import {
  useCreateExercise,
  useOwnContent,
  useUpdateExercise,
  useUpdateSkill,
  type OwnExercise,
  type OwnSkill,
} from './own-skills-hooks';
import { OwnSkillForm } from './own-skill-form';
import './practice.css';

/** "Your skills": owners and admins write the workspace's own skills and exercises. */
export function OwnSkillsPage() {
  const { workspaceId } = useCurrentWorkspace();
  const content = useOwnContent(workspaceId);
  return (
    <>
      <PageHeader
        title="Your skills"
        description="Skills and exercises your workspace writes for its own people. Members practise them beside the shipped ones; archived ones are no longer offered, and past attempts are kept."
        actions={
          <Link className="button" to={`/w/${encodeURIComponent(workspaceId)}/practice`}>
            Back to practice
          </Link>
        }
      />
      <section aria-labelledby="own-add-skill-heading" className="own-section">
        <h2 id="own-add-skill-heading">Add a skill</h2>
        <OwnSkillForm workspaceId={workspaceId} />
      </section>
      {content.isPending ? (
        <Loading label="Loading your skills…" />
      ) : content.isError ? (
        <ErrorState error={content.error} onRetry={() => void content.refetch()} />
      ) : content.data.skills.length === 0 ? (
        <EmptyState title="No skills of your own yet" testId="own-skills-empty">
          <p>Add a skill above, then add its exercises.</p>
        </EmptyState>
      ) : (
        <ul className="own-skills" aria-label="Your skills">
          {content.data.skills.map((skill) => (
            <SkillItem
              key={skill.id}
              workspaceId={workspaceId}
              skill={skill}
              exercises={content.data.exercises.filter((e) => e.skillId === skill.id)}
            />
          ))}
        </ul>
      )}
    </>
  );
}

type SkillItemProps = { workspaceId: string; skill: OwnSkill; exercises: OwnExercise[] };

function SkillItem({ workspaceId, skill, exercises }: SkillItemProps) {
  const [isEditing, setIsEditing] = useState(false);
  const [isAdding, setIsAdding] = useState(false);
  const updateSkill = useUpdateSkill(workspaceId);
  const createExercise = useCreateExercise(workspaceId);
  const onArchive = () =>
    updateSkill.mutate({
      ownSkillId: skill.id,
      body: {
        area: skill.area,
        title: skill.title,
        summary: skill.summary,
        isArchived: !skill.isArchived,
        version: skill.version,
      },
    });
  const headingId = `own-skill-${skill.id}`;
  return (
    <li className="own-skill card" aria-labelledby={headingId} data-testid="own-skill">
      <h2 id={headingId}>
        {skill.title}
        {skill.isArchived && <span className="badge"> Archived</span>}
      </h2>
      <p className="muted">{skill.area === 'clinician' ? 'Clinician practice' : 'Co-parenting'}</p>
      <p>{skill.summary}</p>
      {isEditing ? (
        <OwnSkillForm workspaceId={workspaceId} skill={skill} onDone={() => setIsEditing(false)} />
      ) : (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setIsEditing(true)}>
            Edit skill <span className="visually-hidden">{skill.title}</span>
          </button>
          <button
            type="button"
            className="button"
            disabled={updateSkill.isPending}
            data-testid="own-skill-archive"
            onClick={onArchive}
          >
            {skill.isArchived ? 'Restore' : 'Archive'} skill{' '}
            <span className="visually-hidden">{skill.title}</span>
          </button>
        </div>
      )}
      {updateSkill.isError && <FormAlert message={describeError(updateSkill.error)} />}
      <h3>Exercises</h3>
      {exercises.length === 0 ? (
        <p className="muted">No exercises yet: add the first one.</p>
      ) : (
        <ul className="own-exercises">
          {exercises.map((exercise) => (
            <ExerciseItem key={exercise.id} workspaceId={workspaceId} exercise={exercise} />
          ))}
        </ul>
      )}
      {isAdding ? (
        <OwnExerciseForm
          legend={`Add an exercise to ${skill.title}`}
          initial={emptyDraft()}
          submitLabel="Add exercise"
          onSubmit={async (exercise) => {
            await createExercise.mutateAsync({ ownSkillId: skill.id, exercise });
            setIsAdding(false);
          }}
          onCancel={() => setIsAdding(false)}
        />
      ) : (
        !skill.isArchived && (
          <button
            type="button"
            className="button button-primary"
            data-testid="own-add-exercise"
            onClick={() => setIsAdding(true)}
          >
            Add an exercise <span className="visually-hidden">to {skill.title}</span>
          </button>
        )
      )}
    </li>
  );
}

function ExerciseItem({ workspaceId, exercise }: { workspaceId: string; exercise: OwnExercise }) {
  const [isEditing, setIsEditing] = useState(false);
  const update = useUpdateExercise(workspaceId);
  const { title, type } = exercise.exercise;
  const { id: _id, ...content } = exercise.exercise;
  const onArchive = () =>
    update.mutate({
      ownExerciseId: exercise.id,
      body: { exercise: content, isArchived: !exercise.isArchived, version: exercise.version },
    });
  return (
    <li className="own-exercise" data-testid="own-exercise">
      <p>
        <strong>{title}</strong> <span className="muted">({EXERCISE_TYPE_LABELS[type]})</span>
        {exercise.isArchived && <span className="badge"> Archived</span>}
      </p>
      {isEditing ? (
        <OwnExerciseForm
          legend={`Edit ${title}`}
          initial={toDraft(exercise.exercise)}
          submitLabel="Save exercise"
          onSubmit={async (input) => {
            await update.mutateAsync({
              ownExerciseId: exercise.id,
              body: { exercise: input, isArchived: exercise.isArchived, version: exercise.version },
            });
            setIsEditing(false);
          }}
          onCancel={() => setIsEditing(false)}
        />
      ) : (
        <div className="form-actions">
          <button type="button" className="button button-quiet" onClick={() => setIsEditing(true)}>
            Edit <span className="visually-hidden">{title}</span>
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={update.isPending}
            data-testid="own-exercise-archive"
            onClick={onArchive}
          >
            {exercise.isArchived ? 'Restore' : 'Archive'} <span className="visually-hidden">{title}</span>
          </button>
        </div>
      )}
      {update.isError && !isEditing && <FormAlert message={describeError(update.error)} />}
    </li>
  );
}
