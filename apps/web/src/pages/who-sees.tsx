import { WHO_SEES } from '@p2p/contract';
import { PageTitle } from '../components/ui';

/**
 * Who can see what, plainly: the contract's table WHO_SEES, the same one an end-to-end test checks
 * against what the board really does.
 */
export function WhoSeesPage() {
  return (
    <>
      <PageTitle>Who can see what</PageTitle>
      <p>
        What members, the Top 3, staff and the operator (who runs the board's server) can each see. It is the same list
        the board is tested against, so it says what really happens.
      </p>
      <div class="table-scroll" role="region" aria-label="Who can see each thing" tabIndex={0}>
        <table class="who-sees">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">A member</th>
              <th scope="col">The Top 3</th>
              <th scope="col">Staff</th>
              <th scope="col">The operator</th>
            </tr>
          </thead>
          <tbody>
            {WHO_SEES.map((row) => (
              <tr key={row.id} id={`who-sees-${row.id}`}>
                <th scope="row">{row.thing}</th>
                <td>{row.member.words}</td>
                <td>{row.top3.words}</td>
                <td>{row.staff.words}</td>
                <td>{row.operator.words}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
