/** Who made a request, as established from their session. */
export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  isOperator: boolean;
  sessionId: string;
  via: 'bearer' | 'cookie';
}
