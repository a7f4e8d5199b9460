import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matchesPattern, validatePattern } from '#infra/local/event-bus/pattern';

// The EC2 event the EventBridge documentation uses throughout its pattern examples.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

function eventWithDetail(detail: Record<string, unknown>) {
  return { ...ec2Event, detail };
}

describe('exact values', () => {
  it('matches when every listed field has one of its values', () => {
    // Prepare
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });

  it('treats the values listed for one field as alternatives', () => {
    // Prepare
    const pattern = { source: ['aws.ec2', 'aws.fargate'] };

    // Act
    const matched = matchesPattern(pattern, { ...ec2Event, source: 'aws.fargate' });

    // Assess
    expect(matched).toBe(true);
  });

  it('requires every field of the pattern to match', () => {
    // Prepare
    const pattern = { source: ['aws.ec2'], detail: { state: ['running'] } };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(false);
  });

  it('does not match when a field of the pattern is missing from the event', () => {
    // Prepare
    const pattern = { detail: { 'risk-score': [80] } };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(false);
  });

  it('compares strings character by character, without case folding', () => {
    // Prepare
    const pattern = { source: ['AWS.EC2'] };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(false);
  });

  it('matches numbers in nested objects', () => {
    // Prepare
    const macieEvent = eventWithDetail({ 'risk-score': 80, trigger: { risk: 8 } });
    const pattern = { detail: { 'risk-score': [80], trigger: { risk: [8] } } };

    // Act
    const matched = matchesPattern(pattern, macieEvent);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match a number against its string form', () => {
    // Prepare
    const pattern = { detail: { 'risk-score': ['80'] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ 'risk-score': 80 }));

    // Assess
    expect(matched).toBe(false);
  });

  it('matches a null value with null', () => {
    // Prepare
    const pattern = { detail: { responseElements: [null] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ responseElements: null }));

    // Assess
    expect(matched).toBe(true);
  });

  it('matches an empty string with an empty string', () => {
    // Prepare
    const pattern = { detail: { eventVersion: [''] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ eventVersion: '' }));

    // Assess
    expect(matched).toBe(true);
  });

  it('does not treat null and the empty string as interchangeable', () => {
    // Prepare
    const pattern = { detail: { eventVersion: [''] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ eventVersion: null }));

    // Assess
    expect(matched).toBe(false);
  });

  it('matches booleans', () => {
    // Prepare
    const pattern = { detail: { encrypted: [true] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ encrypted: true }));

    // Assess
    expect(matched).toBe(true);
  });
});

describe('arrays in the event', () => {
  it('matches when the event array and the pattern values intersect', () => {
    // Prepare
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      ],
    };
    const event = {
      ...ec2Event,
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match when no element of the event array is listed', () => {
    // Prepare
    const pattern = { detail: { tags: ['Public'] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ tags: ['Custom_Alert', 'Insider'] }));

    // Assess
    expect(matched).toBe(false);
  });

  it('matches a nested pattern against any object of an event array', () => {
    // Prepare
    const event = eventWithDetail({
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
      ],
    });
    const pattern = { detail: { employees: { firstName: ['Anna'] } } };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('requires fields matched together to come from the same array element', () => {
    // Prepare
    const event = eventWithDetail({
      employees: [
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    });
    const pattern = { detail: { employees: { firstName: ['Anna'], lastName: ['Jones'] } } };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(false);
  });

  it('looks through arrays of arrays', () => {
    // Prepare
    const event = eventWithDetail({ employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] });
    const pattern = { detail: { employees: { firstName: ['Peter'] } } };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });
});

describe('prefix', () => {
  it('matches a string that starts with the prefix', () => {
    // Prepare
    const pattern = { time: [{ prefix: '2017-12-22' }] };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match a string that merely contains the prefix', () => {
    // Prepare
    const pattern = { region: [{ prefix: 'west' }] };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(false);
  });

  it('ignores case when asked to', () => {
    // Prepare
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ service: 'eventbridge' }));

    // Assess
    expect(matched).toBe(true);
  });

  it('only applies to string values', () => {
    // Prepare
    const pattern = { detail: { count: [{ prefix: '12' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ count: 123 }));

    // Assess
    expect(matched).toBe(false);
  });
});

describe('suffix', () => {
  it('matches a string that ends with the suffix', () => {
    // Prepare
    const pattern = { detail: { FileName: [{ suffix: '.png' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ FileName: 'logo.png' }));

    // Assess
    expect(matched).toBe(true);
  });

  it('is case sensitive by default', () => {
    // Prepare
    const pattern = { detail: { FileName: [{ suffix: '.png' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ FileName: 'logo.PNG' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('ignores case when asked to', () => {
    // Prepare
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ FileName: 'logo.PNG' }));

    // Assess
    expect(matched).toBe(true);
  });
});

describe('equals-ignore-case', () => {
  it('matches a string whatever its case', () => {
    // Prepare
    const pattern = { detail: { name: [{ 'equals-ignore-case': 'alice' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ name: 'ALICE' }));

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match a different string', () => {
    // Prepare
    const pattern = { detail: { name: [{ 'equals-ignore-case': 'alice' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ name: 'Alicia' }));

    // Assess
    expect(matched).toBe(false);
  });
});

describe('wildcard', () => {
  it('lets a star stand for any run of characters', () => {
    // Prepare
    const pattern = { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } };

    // Act
    const matched = matchesPattern(
      pattern,
      eventWithDetail({ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }),
    );

    // Assess
    expect(matched).toBe(true);
  });

  it('lets a star stand for no characters at all', () => {
    // Prepare
    const pattern = { source: [{ wildcard: 'Simple*Service' }] };

    // Act
    const matched = matchesPattern(pattern, { ...ec2Event, source: 'SimpleService' });

    // Assess
    expect(matched).toBe(true);
  });

  it('must match the whole value', () => {
    // Prepare
    const pattern = { detail: { FilePath: [{ wildcard: '*/lib/*.js' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ FilePath: 'src/lib/index.jsx' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('treats other regular-expression characters literally', () => {
    // Prepare
    const pattern = { detail: { FilePath: [{ wildcard: '*.js' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ FilePath: 'src/index_js' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('matches an escaped star only as a literal star', () => {
    // Prepare
    const pattern = { detail: { note: [{ wildcard: 'a\\*b' }] } };

    // Act
    const literal = matchesPattern(pattern, eventWithDetail({ note: 'a*b' }));
    const expanded = matchesPattern(pattern, eventWithDetail({ note: 'axxb' }));

    // Assess
    expect([literal, expanded]).toEqual([true, false]);
  });
});

describe('anything-but', () => {
  it('matches any string other than the one given', () => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ state: 'running' }));

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match the string given', () => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ state: 'initializing' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('excludes a number', () => {
    // Prepare
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };

    // Act
    const excluded = matchesPattern(pattern, eventWithDetail({ 'x-limit': 123 }));
    const other = matchesPattern(pattern, eventWithDetail({ 'x-limit': 124 }));

    // Assess
    expect([excluded, other]).toEqual([false, true]);
  });

  it('excludes every string of a list', () => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ state: 'overloaded' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('excludes every number of a list', () => {
    // Prepare
    const pattern = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };

    // Act
    const excluded = matchesPattern(pattern, eventWithDetail({ 'x-limit': 200 }));
    const other = matchesPattern(pattern, eventWithDetail({ 'x-limit': 301.8 }));

    // Assess
    expect([excluded, other]).toEqual([false, true]);
  });

  it('excludes strings that start with a prefix', () => {
    // Prepare
    const pattern = { source: [{ 'anything-but': { prefix: 'aws.' } }] };

    // Act
    const awsEvent = matchesPattern(pattern, ec2Event);
    const ownEvent = matchesPattern(pattern, { ...ec2Event, source: 'com.mycompany.myapp' });

    // Assess
    expect([awsEvent, ownEvent]).toEqual([false, true]);
  });

  it('excludes strings that end with a suffix', () => {
    // Prepare
    const pattern = { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ FileName: 'logo.png' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('excludes strings whatever their case when asked to', () => {
    // Prepare
    const pattern = {
      detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OVERLOADED'] } }] },
    };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ state: 'overloaded' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('excludes strings that match a wildcard', () => {
    // Prepare
    const pattern = { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } };

    // Act
    const inLib = matchesPattern(pattern, eventWithDetail({ FilePath: 'src/lib/index.js' }));
    const elsewhere = matchesPattern(pattern, eventWithDetail({ FilePath: 'src/app/index.js' }));

    // Assess
    expect([inLib, elsewhere]).toEqual([false, true]);
  });

  it('does not match an event that lacks the field', () => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({}));

    // Assess
    expect(matched).toBe(false);
  });

  it('matches an event array that holds any value other than the excluded ones', () => {
    // Prepare
    const pattern = { detail: { tags: [{ 'anything-but': 'Insider' }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ tags: ['Insider', 'Custom_Alert'] }));

    // Assess
    expect(matched).toBe(true);
  });
});

describe('numeric', () => {
  const pattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };

  it('matches numbers inside every range of the documented example', () => {
    // Prepare
    const event = eventWithDetail({ 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 });

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('excludes an open lower bound', () => {
    // Prepare
    const event = eventWithDetail({ 'c-count': 0, 'd-count': 3, 'x-limit': 301.8 });

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(false);
  });

  it('excludes a number above a closed upper bound', () => {
    // Prepare
    const event = eventWithDetail({ 'c-count': 5.000001, 'd-count': 3, 'x-limit': 301.8 });

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(false);
  });

  it('includes a closed lower bound', () => {
    // Prepare
    const atLeastTen = { detail: { size: [{ numeric: ['>=', 10] }] } };

    // Act
    const matched = matchesPattern(atLeastTen, eventWithDetail({ size: 10 }));

    // Assess
    expect(matched).toBe(true);
  });

  it('only applies to JSON numbers, not to numeric strings', () => {
    // Prepare
    const positive = { detail: { size: [{ numeric: ['>', 0] }] } };

    // Act
    const matched = matchesPattern(positive, eventWithDetail({ size: '5' }));

    // Assess
    expect(matched).toBe(false);
  });

  it('matches when any number of an event array is in range', () => {
    // Prepare
    const smallOnes = { detail: { sizes: [{ numeric: ['<', 10] }] } };

    // Act
    const matched = matchesPattern(smallOnes, eventWithDetail({ sizes: [50, 7] }));

    // Assess
    expect(matched).toBe(true);
  });
});

describe('exists', () => {
  it('matches when the field is present', () => {
    // Prepare
    const pattern = { detail: { state: [{ exists: true }] } };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match a required field that is absent', () => {
    // Prepare
    const pattern = { detail: { state: [{ exists: true }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ 'c-count': { c1: 100 } }));

    // Assess
    expect(matched).toBe(false);
  });

  it('matches an absent field with exists false', () => {
    // Prepare
    const pattern = { detail: { 'c-count': [{ exists: false }] } };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match a present field with exists false', () => {
    // Prepare
    const pattern = { detail: { state: [{ exists: false }] } };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(false);
  });

  it('treats an object as no leaf, so exists false matches it', () => {
    // Prepare
    const pattern = { detail: { 'c-count': [{ exists: false }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ 'c-count': { c1: 100 } }));

    // Assess
    expect(matched).toBe(true);
  });

  it('matches exists false when the parent object is missing too', () => {
    // Prepare
    const pattern = { detail: { trigger: { risk: [{ exists: false }] } } };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });

  it('counts a null value as present', () => {
    // Prepare
    const pattern = { detail: { responseElements: [{ exists: true }] } };

    // Act
    const matched = matchesPattern(pattern, eventWithDetail({ responseElements: null }));

    // Assess
    expect(matched).toBe(true);
  });

  it('treats an empty event array as absent', () => {
    // Prepare
    const pattern = { resources: [{ exists: false }] };

    // Act
    const matched = matchesPattern(pattern, { ...ec2Event, resources: [] });

    // Assess
    expect(matched).toBe(true);
  });
});

describe('$or', () => {
  const pattern = {
    source: ['aws.cloudwatch'],
    $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  };

  it('matches when one alternative matches', () => {
    // Prepare
    const event = { source: 'aws.cloudwatch', namespace: 'AWS/ES' };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match when no alternative matches', () => {
    // Prepare
    const event = { source: 'aws.cloudwatch', metricName: 'DiskUsage', namespace: 'AWS/S3' };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(false);
  });

  it('still requires the fields beside it', () => {
    // Prepare
    const event = { source: 'aws.ec2', metricName: 'CPUUtilization' };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(false);
  });

  it('nests an and inside an alternative', () => {
    // Prepare
    const nested = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        {
          metricType: ['MetricType'],
          namespace: ['AWS/EC2'],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
      ],
    };
    const event = { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 };

    // Act
    const matched = matchesPattern(nested, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('applies inside a nested object', () => {
    // Prepare
    const nested = { detail: { $or: [{ state: ['running'] }, { 'instance-id': ['i-1234567890abcdef0'] }] } };

    // Act
    const matched = matchesPattern(nested, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });
});

describe('validatePattern', () => {
  it('accepts the complex example from the documentation', () => {
    // Prepare
    const pattern = {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
      },
    };

    // Act
    const validate = () => validatePattern(pattern);

    // Assess
    expect(validate).not.toThrow();
  });

  it.each([
    ['a pattern that is not an object', ['aws.ec2']],
    ['an empty pattern', {}],
    ['a bare value instead of a list', { source: 'aws.ec2' }],
    ['an empty list of values', { source: [] }],
    ['a nested list of values', { source: [['aws.ec2']] }],
    ['an unknown operator', { source: [{ contains: 'ec2' }] }],
    ['a filter with two operators', { source: [{ prefix: 'aws', suffix: 'ec2' }] }],
    ['a prefix that is not a string', { source: [{ prefix: 1 }] }],
    ['exists that is not a boolean', { source: [{ exists: 'yes' }] }],
    ['anything-but mixing strings and numbers', { source: [{ 'anything-but': ['a', 1] }] }],
    ['anything-but with a list of prefixes', { source: [{ 'anything-but': { prefix: ['a', 'b'] } }] }],
    ['numeric with an unknown operator', { size: [{ numeric: ['!=', 1] }] }],
    ['numeric with two lower bounds', { size: [{ numeric: ['>', 1, '>=', 2] }] }],
    ['numeric equality combined with a bound', { size: [{ numeric: ['=', 1, '<', 2] }] }],
    ['numeric with a string bound', { size: [{ numeric: ['>', '1'] }] }],
    ['consecutive wildcards', { source: [{ wildcard: 'a**b' }] }],
    ['a backslash escaping an ordinary character', { source: [{ wildcard: 'a\\b' }] }],
    ['$or with a single alternative', { $or: [{ source: ['aws.ec2'] }] }],
  ])('rejects %s', (_description, pattern) => {
    // Prepare
    const validate = () => validatePattern(pattern);

    // Act + Assess
    expect(validate).toThrow(InvalidEventPatternError);
  });

  it('names where in the pattern the problem is', () => {
    // Prepare
    const pattern = { detail: { state: [{ prefix: 42 }] } };

    // Act
    const validate = () => validatePattern(pattern);

    // Assess
    expect(validate).toThrow(/detail\.state\[0\]\.prefix/);
  });
});
