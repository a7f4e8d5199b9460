/**
 * Where a certification's file lives in the documents bucket (shared/aws/objects.ts stores it). Every key sits under
 * `tenants/<tenantId>/`, the only prefix the services' IAM grant covers. Each upload gets a new key, so a
 * replaced file stays readable until the change that replaces it has committed.
 */
export function certificateObjectKey(tenantId: string, certificationId: string, fileId: string): string {
  return `tenants/${tenantId}/certifications/${certificationId}/${fileId}`;
}
