import { describe, expect, it } from 'vitest';
import { emptyDraft, toDraft, toExerciseField, toExerciseInput, validateDraft } from './own-exercise-model';

describe('a workspace exercise draft', () => {
  it('names every missing part in words, per field, before anything is sent', () => {
    expect(validateDraft({ ...emptyDraft(), title: '  ' })).toEqual({
      title: 'Give the exercise a title.',
      prompt: 'Write what the exercise asks.',
      options: 'Every option needs its text and an explanation of why it is right or wrong.',
    });
    expect(Object.keys(validateDraft(emptyDraft('written')))).toEqual([
      'title',
      'prompt',
      'rubric',
      'modelAnswer',
    ]);
    expect(Object.keys(validateDraft(emptyDraft('drill')))).toEqual(['title', 'prompt', 'steps', 'tip']);
  });

  it('becomes the API body of its type, trimmed, with option and criterion ids, and back', () => {
    const draft = {
      ...emptyDraft(),
      title: ' Late pickup ',
      prompt: 'Which reply?',
      options: [
        { text: 'Noted.', explanation: 'Brief.' },
        { text: 'Always late!', explanation: 'Blames.' },
      ],
      correctIndex: 1,
    };
    const input = toExerciseInput(draft);
    expect(input).toEqual({
      type: 'multiple-choice',
      title: 'Late pickup',
      prompt: 'Which reply?',
      options: [
        { id: 'a', text: 'Noted.', explanation: 'Brief.', isCorrect: false },
        { id: 'b', text: 'Always late!', explanation: 'Blames.', isCorrect: true },
      ],
    });
    expect(toDraft({ ...input, id: 'own-1' })).toMatchObject({ correctIndex: 1, title: 'Late pickup' });
    const drill = toExerciseInput({
      ...emptyDraft('drill'),
      title: 'T',
      prompt: 'P',
      steps: 'One\n\n Two ',
      tip: 'Tip',
    });
    expect(drill).toMatchObject({ type: 'drill', steps: ['One', 'Two'] });
  });

  it('maps the API’s field names onto the form', () => {
    expect(toExerciseField('exercise.options.0.id')).toBe('options');
    expect(toExerciseField('/exercise/rubric')).toBe('rubric');
    expect(toExerciseField('body')).toBe('');
  });
});
