// Page layout: the intro on top, a rail of choices (model, image, prediction, diffusivity) and the views beside it. The whole page accepts dropped images and model files.
import { memo, useEffect, useState } from 'react';
import { PanelBoundary } from './ui/PanelBoundary';
import { useT } from './i18n/i18n';
import { useApp } from './store';
import { openFile, startApp } from './actions';
import { watchEngineFailures } from './engineRestart';
import { BenchmarkPanel } from './features/benchmark/BenchmarkPanel';
import { DiffusivitySlider } from './features/diffusivity/DiffusivitySlider';
import { ComparisonView } from './features/compare/ComparisonView';
import { ErfView } from './features/erf/ErfView';
import { FullResolutionHeat } from './features/fullres/FullResolutionHeat';
import { HeatView } from './features/heat/HeatView';
import { ImageInput } from './features/image/ImageInput';
import { InputPreview } from './features/image/InputPreview';
import { ModelPicker } from './features/model/ModelPicker';
import { Predictions } from './features/prediction/Predictions';
import { StatusBanner } from './features/model/StatusBanner';
import { LanguageSwitch } from './features/language/LanguageSwitch';
import { OfflineNote } from './features/offline/OfflineNote';
import { Intro } from './features/overview/Intro';
import { OverviewPanel } from './features/overview/OverviewPanel';

// The panels subscribe to the store themselves: memo keeps the drag highlight (App's own state, set on
// every drag-over and drop) from re-rendering all of them.
const Panels = memo(function Panels() {
  const reset = useApp((s) => `${s.model?.id ?? ''}:${s.image?.id ?? ''}`);
  const t = useT('common');
  return (
    <>
      <header>
        <h1>{t('appName')}</h1>
        <Intro />
        <LanguageSwitch />
        <StatusBanner />
        <OfflineNote />
      </header>
      <main className="layout">
        <aside className="rail" aria-label={t('rail')}>
          <ModelPicker />
          <ImageInput />
          <Predictions />
          <DiffusivitySlider />
          <InputPreview />
        </aside>
        <div className="views">
          <PanelBoundary name={t('panels.overview')} resetKey={reset}>
            <OverviewPanel />
          </PanelBoundary>
          <PanelBoundary name={t('panels.heat')} resetKey={reset}>
            <HeatView />
          </PanelBoundary>
          <PanelBoundary name={t('panels.erf')} resetKey={reset}>
            <ErfView />
          </PanelBoundary>
          <PanelBoundary name={t('panels.compare')} resetKey={reset}>
            <ComparisonView />
          </PanelBoundary>
          <PanelBoundary name={t('panels.fullres')} resetKey={reset}>
            <FullResolutionHeat />
          </PanelBoundary>
          <PanelBoundary name={t('panels.benchmark')} resetKey={reset}>
            <BenchmarkPanel />
          </PanelBoundary>
        </div>
      </main>
    </>
  );
});

export function App() {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    watchEngineFailures();
    void startApp();
  }, []);
  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) void openFile(f);
      }}
    >
      <Panels />
    </div>
  );
}
