// The two sentences a newcomer reads first, with the papers and their code.
import { Trans } from 'react-i18next';
import { useT } from '../../i18n/i18n';

export function Intro() {
  const t = useT('overview');
  return (
    <p className="intro" data-testid="intro">
      <Trans
        t={t}
        i18nKey="intro"
        components={{
          b: <strong />,
          vheatPaper: <a href="https://arxiv.org/abs/2405.16555" target="_blank" rel="noreferrer" />,
          vheatCode: <a href="https://github.com/MzeroMiko/vHeat" target="_blank" rel="noreferrer" />,
          hcnetPaper: <a href="https://arxiv.org/abs/2408.05901" target="_blank" rel="noreferrer" />,
          hcnetCode: <a href="https://github.com/ZheminZhang1/HcNet" target="_blank" rel="noreferrer" />,
        }}
      />
    </p>
  );
}
