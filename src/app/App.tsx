// Page layout. The whole page accepts dropped images and model files.
import { memo, useEffect, useState } from 'react';
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
import { OfflineNote } from './features/offline/OfflineNote';

// The panels subscribe to the store themselves: memo keeps the drag highlight (App's own state, set on
// every drag-over and drop) from re-rendering all of them.
const Panels = memo(function Panels() {
  return (
    <>
      <header>
        <h1>Heat Lab</h1>
        <p className="tagline">vHeat and HcNet, running in your browser: classification, heat diffusion per layer, effective receptive field.</p>
        <StatusBanner />
        <OfflineNote />
      </header>
      <main>
        <div className="col">
          <ModelPicker />
          <ImageInput />
          <InputPreview />
        </div>
        <div className="col">
          <Predictions />
          <DiffusivitySlider />
        </div>
        <div className="col wide">
          <HeatView />
          <ErfView />
          <ComparisonView />
          <FullResolutionHeat />
        </div>
      </main>
      <BenchmarkPanel />
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
