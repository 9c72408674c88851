// The plugins use Bottleneck's light build (no Redis); its types are the full build's, which it shares.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
