/** The exercise library's controlled vocabularies (those of the free-exercise-db data set). */

export enum Muscle {
  Abdominals = 'abdominals',
  Abductors = 'abductors',
  Adductors = 'adductors',
  Biceps = 'biceps',
  Calves = 'calves',
  Chest = 'chest',
  Forearms = 'forearms',
  Glutes = 'glutes',
  Hamstrings = 'hamstrings',
  Lats = 'lats',
  LowerBack = 'lower back',
  MiddleBack = 'middle back',
  Neck = 'neck',
  Quadriceps = 'quadriceps',
  Shoulders = 'shoulders',
  Traps = 'traps',
  Triceps = 'triceps',
}

export enum Equipment {
  Bands = 'bands',
  Barbell = 'barbell',
  BodyOnly = 'body only',
  Cable = 'cable',
  Dumbbell = 'dumbbell',
  EZCurlBar = 'e-z curl bar',
  ExerciseBall = 'exercise ball',
  FoamRoll = 'foam roll',
  Kettlebells = 'kettlebells',
  Machine = 'machine',
  MedicineBall = 'medicine ball',
  Other = 'other',
}

export enum ExerciseCategory {
  Cardio = 'cardio',
  OlympicWeightlifting = 'olympic weightlifting',
  Plyometrics = 'plyometrics',
  Powerlifting = 'powerlifting',
  Strength = 'strength',
  Stretching = 'stretching',
  Strongman = 'strongman',
}

export enum ExerciseLevel {
  Beginner = 'beginner',
  Intermediate = 'intermediate',
  Expert = 'expert',
}

export enum ExerciseForce {
  Pull = 'pull',
  Push = 'push',
  Static = 'static',
}

export enum ExerciseMechanic {
  Compound = 'compound',
  Isolation = 'isolation',
}
