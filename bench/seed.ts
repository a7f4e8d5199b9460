/** Creates accounts through the API, a few requests at a time; returns their ids in creation order. */
export async function seedAccounts(
  url: string,
  credential: string,
  count: number,
  parallel = 8,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const create = async (index: number) => {
    const response = await fetch(`${url}/api/v1/accounts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: `Seeded Customer ${index + 1}`,
        description: 'Created by the benchmark',
        contacts: [
          {
            email: `security${index + 1}@example.com`,
            first_name: 'Erika',
            last_name: 'Muster',
            title: 'CISO',
          },
        ],
      }),
    });
    const text = await response.text();
    if (response.status !== 201)
      throw new Error(`Seeding account ${index + 1} failed: ${response.status} ${text}`);
    ids[index] = (JSON.parse(text) as { id: string }).id;
  };
  const worker = async () => {
    while (next < count) await create(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return ids;
}
