/** Thrown when a live credential already has the name: the caller picks another, or revokes that one first. */
export class DuplicateCredentialName extends Error {
  constructor(readonly credentialName: string) {
    super(`a live credential is already named "${credentialName}"`);
  }
}
