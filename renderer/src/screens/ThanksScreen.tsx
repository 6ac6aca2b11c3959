/** Shown after every rating; it never repeats the level chosen, which the officer could see. */
export function ThanksScreen() {
  return (
    <main className="screen screen--thanks" data-screen="thanks">
      <div className="thanks" role="status">
        <svg className="thanks__mark" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
          <circle cx="50" cy="50" r="45" />
          <path d="M 28 52 L 44 67 L 73 36" />
        </svg>
        <h1 className="screen-title">Cảm ơn ông/bà đã đánh giá!</h1>
        <p className="screen-subtitle">Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.</p>
      </div>
    </main>
  );
}
