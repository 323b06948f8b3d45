// Loader: the set-up the Methods and Overview pages describe (study sizes, package versions, backends of the
// stored runs, defaults of training, models, preprocessing, probe, codebook and analysis, reproduction
// commands), read from the code, node_modules and the run store (data-loaders/environment.ts). Never trains.
import "../../data-loaders/loader-errors.js";
import {buildEnvironment} from "../../data-loaders/environment.js";

process.stdout.write(JSON.stringify(buildEnvironment()));
