/** What a template trains for (PostgreSQL enum `template_goal`). */
export enum TemplateGoal {
  Strength = 'strength',
  Hypertrophy = 'hypertrophy',
  Endurance = 'endurance',
  WeightLoss = 'weight_loss',
  GeneralFitness = 'general_fitness',
}

/** Private templates are seen by their owner only; public ones by every user. */
export enum TemplateVisibility {
  Private = 'private',
  Public = 'public',
}
