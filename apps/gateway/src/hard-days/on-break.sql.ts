/**
 * "This person is on a break now", as SQL, one rule for every place that asks: a person on a break
 * is sent no email or push, is not on duty, and does not hold back the escalation ladder.
 * `user` is the SQL expression naming the person's id.
 */
export function onBreak(user: string): string {
  return `EXISTS (SELECT 1 FROM member_preferences mp WHERE mp.user_id = ${user} AND mp.break_until > clock_timestamp())`;
}
