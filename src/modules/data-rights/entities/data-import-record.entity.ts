import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * What an import created, by the content hash of what it came from (a Strong/Hevy workout, a
 * FitAI record): importing the same content again finds its hash and adds nothing.
 */
@Entity('data_import_records')
// Backs ON DELETE CASCADE from data_imports.
@Index('IDX_data_import_records_import', ['importId'])
export class DataImportRecord {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** SHA-256 (hex) of the source, the kind and the record's canonical content. */
  @PrimaryColumn({ type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** The row it created (a workout, an entry, ...). */
  @Column({ type: 'uuid' })
  resourceId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('data_imports', { onDelete: 'CASCADE' })
  importId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
