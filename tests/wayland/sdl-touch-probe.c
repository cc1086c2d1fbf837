/* Prints the SDL2 touch events a Wayland client gets, to check SDL's side of
 * the chain (cage's wl_touch -> SDL_FINGER* / SDL_MULTIGESTURE), e.g.:
 *
 *   gcc tests/wayland/sdl-touch-probe.c -o /tmp/sdl-touch-probe $(pkg-config --cflags --libs sdl2)
 *   chmod 755 /tmp/sdl-touch-probe      # cage's client runs as nobody
 *   tests/wayland/touch-display --cage 'exec /tmp/sdl-touch-probe' -- \
 *     sh -c 'until grep -q "^driver" "$TOUCH_DIR/cage.log"; do sleep 0.1; done
 *            tests/wayland/inject-touch "$TOUCH_SOCKET" pinch 640 400 200 600 4
 *            grep -v "Basic output" "$TOUCH_DIR/cage.log"'
 *
 * Its output goes to cage.log. Not built by CMake: a by-hand diagnostic.
 */
#include <SDL.h>
#include <stdio.h>
int main(void) {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "wayland");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) { fprintf(stderr, "init: %s\n", SDL_GetError()); return 1; }
    SDL_Window *w = SDL_CreateWindow("probe", 0, 0, 1280, 800, SDL_WINDOW_OPENGL | SDL_WINDOW_FULLSCREEN_DESKTOP);
    SDL_Renderer *r = SDL_CreateRenderer(w, -1, 0);
    if (!w || !r) { fprintf(stderr, "window: %s\n", SDL_GetError()); return 1; }
    printf("driver %s\n", SDL_GetCurrentVideoDriver()); fflush(stdout);
    for (;;) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            switch (e.type) {
            case SDL_QUIT: return 0;
            case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP: {
                int ww, wh; SDL_GetWindowSize(w, &ww, &wh);
                printf("%s finger=%lld x=%.1f y=%.1f (win %dx%d)\n", e.type == SDL_FINGERDOWN ? "down" : e.type == SDL_FINGERUP ? "up" : "motion",
                       (long long)e.tfinger.fingerId, e.tfinger.x * ww, e.tfinger.y * wh, ww, wh); break; }
            case SDL_MULTIGESTURE: printf("multigesture dDist=%.4f n=%d\n", e.mgesture.dDist, e.mgesture.numFingers); break;
            case SDL_MOUSEBUTTONDOWN: printf("mouse down %d,%d which=%u\n", e.button.x, e.button.y, e.button.which); break;
            }
            fflush(stdout);
        }
        SDL_SetRenderDrawColor(r, 30, 60, 90, 255); SDL_RenderClear(r); SDL_RenderPresent(r);
        SDL_Delay(10);
    }
}
