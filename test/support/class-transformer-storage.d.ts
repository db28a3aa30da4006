/** class-transformer's metadata (the `@Type` of nested DTOs), which it ships without types. */
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
