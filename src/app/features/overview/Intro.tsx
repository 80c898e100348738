// The two sentences a newcomer reads first, with the papers and their code.
export function Intro() {
  return (
    <p className="intro" data-testid="intro">
      <strong>vHeat</strong> lets an image&rsquo;s features spread like heat on a metal plate: each block solves the heat equation in
      one step, with a learned conductivity per frequency. <strong>HcNet</strong> takes small explicit steps of the same equation.{' '}
      <a href="https://arxiv.org/abs/2405.16555" target="_blank" rel="noreferrer">vHeat (arXiv 2405.16555)</a>,{' '}
      <a href="https://github.com/MzeroMiko/vHeat" target="_blank" rel="noreferrer">code</a>;{' '}
      <a href="https://arxiv.org/abs/2408.05901" target="_blank" rel="noreferrer">HcNet (arXiv 2408.05901)</a>,{' '}
      <a href="https://github.com/ZheminZhang1/HcNet" target="_blank" rel="noreferrer">code</a>.
    </p>
  );
}
